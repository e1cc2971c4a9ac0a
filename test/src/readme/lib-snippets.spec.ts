import 'reflect-metadata';
import { Logger, type DynamicModule, type INestApplication, type Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { createDomainEvent, EventBus, EventsModule } from '@webnovel/events';
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { after, describe, it } from 'node:test';
import { EVENTS_METRICS_MODULE_OPTIONS } from '@webnovel/events-prometheus';
import request from 'supertest';

// The lib READMEs' snippets that need no outside service, run for what the READMEs say they do. The others
// (lib-events-mongoose, lib-events-rabbitmq, lib-events-terminus-bullmq) are compiled only.
Logger.overrideLogger(false);
const apps: INestApplication[] = [];
after(async () => {
  for (const app of apps.splice(0)) await app.close();
});

async function serve(...imports: (Type | DynamicModule)[]): Promise<{ app: INestApplication; http: Server }> {
  const moduleRef = await Test.createTestingModule({ imports }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  apps.push(app);
  await app.init();
  return { app, http: app.getHttpServer() as Server };
}

const events = () => EventsModule.forRoot({ source: 'user-service', logHandlers: false });

describe('lib README snippets, run', () => {
  it('events-admin: forRoot with two keys lets either key in, and no key or another answers 401', async () => {
    const [key, next] = ['admin-key-0123456789', 'admin-key-next-0123456789'];
    Object.assign(process.env, { ADMIN_KEY: key, ADMIN_KEY_NEXT: next });
    // The module reads the keys when it is defined, so it is imported once they are set.
    const { AppModule } = await import('./snippets/lib-events-admin.js');
    const { http } = await serve(AppModule);
    for (const k of [key, next]) await request(http).get('/admin/events/queues').set('x-api-key', k).expect(200);
    await request(http).get('/admin/events/queues').expect(401);
    await request(http).get('/admin/events/queues').set('x-api-key', 'not-one-of-the-keys-0000').expect(401);
  });

  it("events-admin: forRootAsync mounts on its path and asks the app's guard, which gets PolicyModule's provider", async () => {
    const { OpsAdminModule } = await import('./snippets/lib-events-admin.js');
    const { http } = await serve(events(), OpsAdminModule);
    const { body } = await request(http).get('/ops/events/dead-letters').set('x-role', 'ops').expect(200);
    assert.deepEqual(body.items, []);
    await request(http).get('/ops/events/dead-letters').set('x-role', 'reader').expect(403);
    await request(http).get('/admin/events/dead-letters').set('x-role', 'ops').expect(404);
  });

  it('events-prometheus: the README wiring serves the events metrics and the application its own, with the service label', async () => {
    const { AppModule, SignupMetrics } = await import('./snippets/lib-events-prometheus.js');
    const { app, http } = await serve(AppModule);
    app.get(SignupMetrics).signups.inc();
    await app.get(EventBus).publish(createDomainEvent({ type: 'user.registered', data: {} }));
    const { text } = await request(http).get('/metrics').expect(200);
    assert.match(text, /^app_signups_total\{service="user-service"\} 1$/m);
    assert.match(text, /^events_published_total\{event_type="user\.registered",service="user-service"\} 1$/m);
    assert.match(text, /^# TYPE process_cpu_user_seconds_total counter$/m, "prom-client's default metrics");
  });

  it('events-prometheus: forRootAsync serves on the path given to it, with the factory reading the environment', async () => {
    process.env.METRICS_SCRAPE_TIMEOUT_MS = '250';
    const { InternalMetricsModule } = await import('./snippets/lib-events-prometheus.js');
    const { app, http } = await serve(events(), InternalMetricsModule);
    assert.deepEqual(app.get(EVENTS_METRICS_MODULE_OPTIONS, { strict: false }), { scrapeTimeoutMs: 250 });
    const { text } = await request(http).get('/internal/metrics').expect(200);
    assert.match(text, /^events_bus_ready 1$/m);
    await request(http).get('/metrics').expect(404);
  });

  it('events-terminus: forRootAsync mounts readiness and liveness on ops/health', async () => {
    const { OpsHealthModule } = await import('./snippets/lib-events-terminus.js');
    const { http } = await serve(events(), OpsHealthModule);
    const { body } = await request(http).get('/ops/health').expect(200);
    assert.equal(body.status, 'ok');
    assert.deepEqual(body.info.events, { status: 'up', ready: true });
    await request(http).get('/ops/health/live').expect(200);
    await request(http).get('/health').expect(404);
  });

  it('events-terminus: your own controller combines the indicators under its keys, and the module mounts nothing', async () => {
    const { AppHealthModule } = await import('./snippets/lib-events-terminus.js');
    const { http } = await serve(events(), AppHealthModule);
    const { body } = await request(http).get('/ready').expect(200);
    assert.deepEqual(Object.keys(body.details), ['bus', 'log']);
    await request(http).get('/health').expect(404);
  });
});
