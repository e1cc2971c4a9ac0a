import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { BullMqDelivery } from '@webnovel/events-bullmq';
import { PostgresEventStore } from '@webnovel/events-postgres';
import { deleteKeysUnder, TcpProxy, waitFor } from '@webnovel/testing';
import { Redis } from 'ioredis';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import request from 'supertest';
import { EventsHealthModule } from './events-health.module.js';
import { createHealthApp } from './test/health-app.fixture.js';

// GET /health against the real Redis and PostgreSQL, each reached through a proxy the tests cut to play an outage.
const redisHost = process.env.REDIS_HOST ?? '127.0.0.1';
const redisPort = Number(process.env.REDIS_PORT ?? 6379);
const postgresHost = process.env.POSTGRES_HOST ?? '127.0.0.1';
const postgresPort = Number(process.env.POSTGRES_PORT ?? 5432);
/** The trust-auth server ignores it; it is here to prove no response ever shows it. */
const PASSWORD = 'not-shown-anywhere-7f3a';
const TIMEOUT_MS = 500;
/** A health response during an outage comes within the ping timeout, plus slack for a busy machine. */
const ANSWER_WITHIN_MS = TIMEOUT_MS + 2000;
/** BullMQ's reconnect backoff grows to seconds after a couple of failed attempts. */
const RECOVER_WITHIN_MS = 30_000;

describe('health checks on Redis and PostgreSQL (e2e)', () => {
  const suffix = randomBytes(4).toString('hex');
  const prefix = `health-${suffix}`;
  const table = `events_log_health_${suffix}`;
  const redisProxy = new TcpProxy(redisPort, redisHost);
  const postgresProxy = new TcpProxy(postgresPort, postgresHost);
  let app: INestApplication | undefined;
  let http: Server;

  before(async () => {
    const [redisProxyPort, postgresProxyPort] = await Promise.all([redisProxy.start(), postgresProxy.start()]);
    const delivery = new BullMqDelivery({ connection: { host: '127.0.0.1', port: redisProxyPort }, prefix, commandTimeoutMs: 1000 });
    const store = new PostgresEventStore({
      connectionString: `postgres://postgres:${PASSWORD}@127.0.0.1:${postgresProxyPort}/test`,
      table,
    });
    await store.ensureSchema();
    app = await createHealthApp(EventsHealthModule.forRoot({ timeoutMs: TIMEOUT_MS }), { delivery, store });
    await app.init();
    http = app.getHttpServer() as Server;
  });

  after(async () => {
    // Traffic first, or closing the app would wait on the backends.
    redisProxy.restore();
    postgresProxy.restore();
    await app?.close();
    await Promise.all([redisProxy.stop(), postgresProxy.stop()]);
    const redis = new Redis({ host: redisHost, port: redisPort });
    await deleteKeysUnder(redis, prefix);
    await redis.quit();
    const pool = new pg.Pool({ host: postgresHost, port: postgresPort, user: 'postgres', database: 'test' });
    await new PostgresEventStore({ pool, table }).dropSchema();
    await pool.end();
  });

  /** GET /health, timed, with the body checked for the password. */
  async function health(expected: 200 | 503): Promise<{ body: HealthBody; ms: number }> {
    const startedAt = performance.now();
    const response = await request(http).get('/health').expect(expected);
    assert.ok(!response.text.includes(PASSWORD) && !response.text.includes('postgres://'), 'no connection string in the response');
    return { body: response.body as HealthBody, ms: performance.now() - startedAt };
  }

  const healthy = () =>
    waitFor(async () => (await request(http).get('/health')).status === 200, {
      timeoutMs: RECOVER_WITHIN_MS,
      description: 'GET /health to answer 200',
    });

  it('answers 200 with the bus ready and Redis and PostgreSQL up, by class name and latency', async () => {
    const { body } = await health(200);
    assert.equal(body.status, 'ok');
    assert.deepEqual(body.details.events, { status: 'up', ready: true });
    for (const [key, component] of [
      ['event_delivery', 'BullMqDelivery'],
      ['event_store', 'PostgresEventStore'],
    ] as const) {
      const detail = body.details[key]!;
      assert.equal(detail.status, 'up', key);
      assert.equal(detail.component, component);
      assert.ok(typeof detail.latencyMs === 'number' && detail.latencyMs < TIMEOUT_MS, `${key} latency ${detail.latencyMs}`);
    }
    await request(http).get('/health/live').expect(200);
  });

  it('answers 503 naming event_delivery while Redis is unreachable, keeps /health/live 200, and recovers', async (t) => {
    redisProxy.cut();
    try {
      const { body, ms } = await health(503);
      t.diagnostic(`503 after ${ms.toFixed(0)} ms: ${JSON.stringify(body.error)}`);
      assert.ok(ms < ANSWER_WITHIN_MS, `answered after ${ms.toFixed(0)} ms`);
      assert.equal(body.status, 'error');
      assert.deepEqual(Object.keys(body.error), ['event_delivery']);
      assert.equal(body.error.event_delivery!.status, 'down');
      assert.equal(body.error.event_delivery!.component, 'BullMqDelivery');
      assert.equal(typeof body.error.event_delivery!.error, 'string');
      assert.equal(body.details.event_store!.status, 'up', 'PostgreSQL still answers');
      await request(http).get('/health/live').expect(200);
    } finally {
      redisProxy.restore();
    }
    await healthy();
  });

  it('answers 503 naming event_store while PostgreSQL is unreachable, keeps /health/live 200, and recovers', async (t) => {
    postgresProxy.cut();
    try {
      const { body, ms } = await health(503);
      t.diagnostic(`503 after ${ms.toFixed(0)} ms: ${JSON.stringify(body.error)}`);
      assert.ok(ms < ANSWER_WITHIN_MS, `answered after ${ms.toFixed(0)} ms`);
      assert.deepEqual(Object.keys(body.error), ['event_store']);
      assert.equal(body.error.event_store!.status, 'down');
      assert.equal(body.error.event_store!.component, 'PostgresEventStore');
      assert.equal(body.details.event_delivery!.status, 'up', 'Redis still answers');
      await request(http).get('/health/live').expect(200);
    } finally {
      postgresProxy.restore();
    }
    await healthy();
  });
});

interface HealthBody {
  status: string;
  info: Record<string, HealthDetail>;
  error: Record<string, HealthDetail>;
  details: Record<string, HealthDetail>;
}

interface HealthDetail {
  status: string;
  component?: string;
  latencyMs?: number;
  error?: string;
  ready?: boolean;
}
