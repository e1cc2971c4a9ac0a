import 'reflect-metadata';
import { BullModule } from '@nestjs/bullmq';
import { Injectable, type INestApplicationContext, type LoggerService, type Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  DeadLetters,
  EventsInstrumentation,
  EventBus,
  EventsModule,
  OnDomainEvent,
  createDomainEvent,
  type EventsModuleOptions,
} from '@webnovel/events';
import { deferred, waitFor } from '@webnovel/testing';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, afterEach, describe, it } from 'node:test';
import { BullMqDelivery } from './bullmq.delivery.js';
import { EventsBullMqModule } from './events-bullmq.module.js';
import { redisConnection, quiet, deleteKeysUnder } from './test/redis.fixture.js';

const connection = redisConnection;
const redis = new Redis(connection);
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
after(() => redis.quit());

function uniquePrefix(): string {
  const prefix = `lifecycle-${randomUUID().slice(0, 8)}`;
  cleanups.push(() => deleteKeysUnder(redis, prefix));
  return prefix;
}

async function start(delivery: BullMqDelivery, providers: Type[], options: EventsModuleOptions = {}, logger: LoggerService = quiet) {
  const moduleRef = await Test.createTestingModule({
    imports: [EventsModule.forRoot({ unknownEvents: 'allow', defaultMode: 'async', delivery, logHandlers: false, ...options })],
    providers,
  })
    .setLogger(logger)
    .compile();
  const app = await moduleRef.init();
  return app;
}

describe('BullMqDelivery lifecycle', () => {
  it('warns at startup when Redis may evict queued jobs, and says how to fix it', async () => {
    const [, before] = (await redis.config('GET', 'maxmemory-policy')) as [string, string];
    await redis.config('SET', 'maxmemory-policy', 'allkeys-lru');
    cleanups.push(() => redis.config('SET', 'maxmemory-policy', before));
    const warnings: string[] = [];
    const app = await start(
      new BullMqDelivery({ connection, prefix: uniquePrefix() }),
      [],
      {},
      { ...quiet, warn: (m: unknown) => void warnings.push(String(m)) },
    );
    cleanups.push(() => app.close());
    const warning = warnings.find((w) => w.includes('maxmemory-policy'));
    assert.ok(warning, `no eviction warning among: ${warnings.join(' | ')}`);
    assert.match(warning, /maxmemory-policy is "allkeys-lru", not "noeviction".*Set "maxmemory-policy noeviction" \(and enable AOF\)/);
  });

  it('drains a running job on shutdown before closing', async () => {
    const started = deferred();
    const gate = deferred();
    let finished = false;
    @Injectable()
    class Slow {
      @OnDomainEvent('a.b', { name: 'Slow.run' })
      async run() {
        started.resolve();
        await gate.promise;
        finished = true;
      }
    }
    const prefix = uniquePrefix();
    const app = await start(new BullMqDelivery({ connection, prefix }), [Slow]);
    await app.get(EventBus).publish(createDomainEvent({ type: 'a.b', data: {} }));
    await started.promise;
    let closed = false;
    const closing = app.close().then(() => (closed = true));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(closed, false, 'close must wait for the running job');
    gate.resolve();
    await closing;
    assert.equal(finished, true);
    const queue = new Queue('domain-events', { connection, prefix });
    cleanups.push(() => queue.close());
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed');
    assert.deepEqual(counts, { waiting: 0, active: 0, delayed: 0, failed: 0 });
  });

  it('stops waiting after shutdownTimeoutMs and leaves the job to the next worker', async () => {
    const started = deferred();
    @Injectable()
    class Stuck {
      @OnDomainEvent('a.b', { name: 'Stuck.run' })
      async run() {
        started.resolve();
        await new Promise(() => undefined);
      }
    }
    const prefix = uniquePrefix();
    const app = await start(new BullMqDelivery({ connection, prefix }), [Stuck], { shutdownTimeoutMs: 100 });
    await app.get(EventBus).publish(createDomainEvent({ type: 'a.b', data: {} }));
    await started.promise;
    await app.close();
    const queue = new Queue('domain-events', { connection, prefix });
    cleanups.push(() => queue.close());
    assert.equal(await queue.getActiveCount(), 1, 'the job stays active until its lock expires and a worker takes it over');
  });

  it('runs a handler listed in handlers on its own queue with its own concurrency, configured through EventsBullMqModule', async () => {
    const gate = deferred();
    let slowRunning = 0;
    let fastDone = 0;
    @Injectable()
    class Handlers {
      @OnDomainEvent('a.b', { name: 'Slow.run' })
      async slow() {
        slowRunning++;
        await gate.promise;
      }
      @OnDomainEvent('a.b', { name: 'Fast.run' })
      fast() {
        fastDone++;
      }
    }
    const prefix = uniquePrefix();
    const moduleRef = await Test.createTestingModule({
      imports: [
        BullModule.forRoot({ connection }),
        EventsModule.forRootAsync({
          imports: [EventsBullMqModule.forRoot({ prefix, queueName: 'svc.events', handlers: { 'Slow.run': { concurrency: 2 } } })],
          inject: [BullMqDelivery],
          useFactory: (delivery: BullMqDelivery) => ({ unknownEvents: 'allow' as const, defaultMode: 'async' as const, delivery }),
        }),
      ],
      providers: [Handlers],
    })
      .setLogger(quiet)
      .compile();
    const app: INestApplicationContext = await moduleRef.init();
    cleanups.push(() => app.close());
    const bus = app.get(EventBus);
    for (let i = 0; i < 3; i++) await bus.publish(createDomainEvent({ type: 'a.b', data: { i } }));
    await waitFor(() => fastDone === 3 && slowRunning === 2);
    const counts = await app.get(DeadLetters).counts();
    const byQueue = Object.fromEntries(counts.map((c) => [c.queue, c]));
    assert.deepEqual(Object.keys(byQueue).sort(), ['svc.events', 'svc.events.Slow.run']);
    assert.equal(byQueue['svc.events.Slow.run']?.active, 2);
    assert.equal(byQueue['svc.events.Slow.run']?.waiting, 1);
    assert.equal(byQueue['svc.events']?.active, 0);
    gate.resolve();
    await waitFor(() => app.get(EventsInstrumentation).deliveryStats().success === 6);
    assert.equal(slowRunning, 3);
  });
});
