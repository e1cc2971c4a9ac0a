import 'reflect-metadata';
import { Controller, Get, Module, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { HealthCheck, HealthCheckService, TerminusModule } from '@nestjs/terminus';
import { EventsModule, InMemoryEventStore } from '@webnovel/events';
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { after, describe, it } from 'node:test';
import request from 'supertest';
import { EventsHealthIndicator } from './events-health.indicator.js';
import { EventsHealthModule } from './events-health.module.js';
import { createHealthApp, HangingStore, quiet } from './test/health-app.fixture.js';

// The routes over HTTP, in process: the in-process driver and in-memory stores need no service.
describe('EventsHealthController', () => {
  const apps: INestApplication[] = [];
  after(async () => {
    for (const app of apps) await app.close();
  });

  async function serve(health: Parameters<typeof createHealthApp>[0], events: Parameters<typeof createHealthApp>[1] = {}): Promise<Server> {
    const app = await createHealthApp(health, events);
    apps.push(app);
    await app.init();
    return app.getHttpServer() as Server;
  }

  it('answers GET /health 200 with every check up, uncached, and GET /health/live 200', async () => {
    const http = await serve(EventsHealthModule.forRoot(), { store: new InMemoryEventStore() });
    const response = await request(http).get('/health').expect(200);
    assert.match(String(response.headers['cache-control']), /no-cache/);
    const { body } = response;
    assert.equal(body.status, 'ok');
    assert.deepEqual(Object.keys(body.details), ['events', 'event_delivery', 'event_store', 'event_transport']);
    assert.deepEqual(body.details.events, { status: 'up', ready: true });
    assert.deepEqual(body.details.event_delivery, {
      status: 'up',
      component: 'InProcessDelivery',
      checked: false,
      message: 'InProcessDelivery has no backend to ping',
    });
    assert.equal(body.details.event_store.status, 'up');
    assert.equal(body.details.event_store.component, 'InMemoryEventStore');
    assert.equal(typeof body.details.event_store.latencyMs, 'number');
    assert.deepEqual(body.details.event_transport, {
      status: 'up',
      checked: false,
      message: 'EventsModule has no transport, so there is no broker to check',
    });
    assert.deepEqual(body.info, body.details);
    assert.deepEqual(body.error, {});
    assert.deepEqual((await request(http).get('/health/live').expect(200)).body, { status: 'ok', info: {}, error: {}, details: {} });
  });

  it('answers 503 naming the store when its ping hangs past timeoutMs, while /health/live stays 200', async () => {
    const http = await serve(EventsHealthModule.forRoot({ timeoutMs: 50 }), { store: new HangingStore() });
    const startedAt = performance.now();
    const { body } = await request(http).get('/health').expect(503);
    assert.ok(performance.now() - startedAt < 2000, 'bounded by timeoutMs');
    assert.equal(body.status, 'error');
    assert.deepEqual(body.error, { event_store: { status: 'down', component: 'HangingStore', error: 'Error: no answer within 50 ms' } });
    assert.deepEqual(Object.keys(body.info), ['events', 'event_delivery', 'event_transport']);
    await request(http).get('/health/live').expect(200);
  });

  it('mounts under path, from forRoot or forRootAsync, with timeoutMs from the factory', async () => {
    const http = await serve(EventsHealthModule.forRoot({ path: '/ops/health/' }));
    await request(http).get('/ops/health').expect(200);
    await request(http).get('/ops/health/live').expect(200);
    await request(http).get('/health').expect(404);

    const asyncHttp = await serve(EventsHealthModule.forRootAsync({ path: 'status', useFactory: async () => ({ timeoutMs: 30 }) }), {
      store: new HangingStore(),
    });
    const { body } = await request(asyncHttp).get('/status').expect(503);
    assert.equal(body.error.event_store.error, 'Error: no answer within 30 ms');
  });

  it('mounts nothing with controller: false, and the indicator serves a controller of the app', async () => {
    @Controller('ready')
    class AppHealthController {
      constructor(
        private readonly health: HealthCheckService,
        private readonly events: EventsHealthIndicator,
      ) {}

      @Get()
      @HealthCheck()
      check() {
        return this.health.check([() => this.events.readiness('bus'), () => this.events.store('log')]);
      }
    }
    @Module({ imports: [TerminusModule, EventsHealthModule.forRoot({ controller: false })], controllers: [AppHealthController] })
    class AppHealthModule {}

    const moduleRef = await Test.createTestingModule({ imports: [EventsModule.forRoot({ logHandlers: false }), AppHealthModule] })
      .setLogger(quiet)
      .compile();
    const app = moduleRef.createNestApplication();
    apps.push(app);
    await app.init();
    const http = app.getHttpServer() as Server;
    await request(http).get('/health').expect(404);
    await request(http).get('/health/live').expect(404);
    const { body } = await request(http).get('/ready').expect(200);
    assert.deepEqual(Object.keys(body.details), ['bus', 'log']);
  });
});
