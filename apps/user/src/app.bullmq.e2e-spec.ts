// The user service as deployed: async handlers on BullMQ over real Redis, and the admin API behind a key.
import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { waitFor } from '@webnovel/testing';
import { Redis } from 'ioredis';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { InvalidUserServiceConfigError, readUserServiceConfig } from './app.config.js';
import { AppModule } from './app.module.js';
import { configureApp } from './app.setup.js';
import type { InMemoryMailSender } from './welcome-email/in-memory-mail.sender.js';
import { MAIL_SENDER } from './welcome-email/mail-sender.port.js';

const redisUrl = `redis://${process.env.REDIS_HOST ?? '127.0.0.1'}:${process.env.REDIS_PORT ?? 6379}`;
const adminKey = `user-admin-${randomUUID()}`;

describe('user app on BullMQ (e2e)', () => {
  const config = readUserServiceConfig({
    REDIS_URL: redisUrl,
    EVENTS_QUEUE: `user-e2e-${randomUUID().slice(0, 8)}`,
    EVENTS_ADMIN_KEYS: adminKey,
    LOG_LEVEL: 'silent',
  });
  let app: INestApplication;
  let http: Server;

  before(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
    app = configureApp(moduleRef.createNestApplication({ logger: ['error'] }), config.logLevel);
    await app.init();
    http = app.getHttpServer() as Server;
  });

  after(async () => {
    await app?.close();
    const redis = new Redis(redisUrl);
    const keys = await redis.keys(`bull:${config.queueName}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('sends the welcome mail through a BullMQ job and shows the queues to an operator with the key', async () => {
    const email = `bullmq_${process.pid}@example.com`;
    await request(http)
      .post('/users')
      .send({ username: `bullmq_${process.pid}`, email, password: 'correct-horse-battery' })
      .expect(201);
    const mail = app.get<InMemoryMailSender>(MAIL_SENDER);
    await waitFor(() => mail.sent(email).length === 1, { description: 'the welcome mail' });

    await request(http).get('/admin/events/queues').expect(401);
    const res = await request(http).get('/admin/events/queues').set('x-api-key', adminKey).expect(200);
    const queues = (res.body as { queues: { queue: string; dead: number }[] }).queues;
    assert.deepEqual(
      queues.map((q) => q.queue),
      [config.queueName],
    );
    assert.equal(queues[0]?.dead, 0);
  });

  it('serves the bus metrics on /metrics and its health on /health', async () => {
    const email = `metrics_${process.pid}@example.com`;
    await request(http)
      .post('/users')
      .send({ username: `metrics_${process.pid}`, email, password: 'correct-horse-battery' })
      .expect(201);
    await waitFor(() => app.get<InMemoryMailSender>(MAIL_SENDER).sent(email).length === 1, { description: 'the welcome mail' });

    const metrics = (await request(http).get('/metrics').expect(200)).text;
    const sample = (line: RegExp) =>
      Number(
        metrics
          .split('\n')
          .find((l) => line.test(l))
          ?.split(' ')
          .pop(),
      );
    assert.ok(sample(/^events_published_total\{event_type="user.registered",service="user-service"\} /) >= 1, 'published counted');
    assert.ok(
      sample(
        /^events_handled_total\{event_type="user.registered",handler_name="UserWelcomeEmailHandler.onUserRegistered",outcome="success",service="user-service"\} /,
      ) >= 1,
      'the BullMQ run counted',
    );
    assert.equal(sample(new RegExp(`^events_dead_letter_queue_size\\{queue="${config.queueName}",service="user-service"\\} `)), 0);
    assert.equal(sample(/^events_bus_ready\{service="user-service"\} /), 1);

    const health = (await request(http).get('/health').expect(200)).body;
    assert.equal(health.status, 'ok');
    assert.deepEqual(Object.fromEntries(Object.entries(health.info as Record<string, { status: string }>).map(([k, v]) => [k, v.status])), {
      events: 'up',
      event_delivery: 'up',
      event_store: 'up',
      // No transport in this test: up, unchecked.
      event_transport: 'up',
    });
    await request(http).get('/health/live').expect(200);
  });

  it('refuses an environment it cannot use, naming the variable but not its value', () => {
    assert.throws(
      () => readUserServiceConfig({ REDIS_URL: 'localhost:6379', EVENTS_ADMIN_KEYS: 'short-secret', LOG_LEVEL: 'loud' }),
      (error: unknown) => {
        assert.ok(error instanceof InvalidUserServiceConfigError);
        assert.deepEqual(error.problems, [
          'REDIS_URL must start with redis:// or rediss://',
          'EVENTS_ADMIN_KEYS must hold keys of at least 16 characters, comma-separated',
          'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
        ]);
        assert.doesNotMatch(error.message, /short-secret/);
        return true;
      },
    );
  });
});
