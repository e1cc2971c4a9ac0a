import 'reflect-metadata';
import { Injectable, type INestApplicationContext, type Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DeadLetters, EventsInstrumentation, EventBus, EventsModule, OnDomainEvent, createDomainEvent } from '@webnovel/events';
import { buildDeadLetter, deliveryPairId } from '@webnovel/events/internal';
import { deferred, waitFor, withTimeout } from '@webnovel/testing';
import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, beforeEach, describe, it } from 'node:test';
import { BullMqDelivery } from './bullmq.delivery.js';
import type { DeliveryJobData } from './delivery-job.js';
import { redisConnection, quiet, deleteKeysUnder } from './test/redis.fixture.js';

const connection = redisConnection;
const HANDLER = 'Sweep.handler';

const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

class PaymentGatewayError extends Error {
  override readonly name = 'PaymentGatewayError';
}

describe('BullMQ delivery: jobs BullMQ failed on its own', () => {
  const redis = new Redis(connection);
  const prefix = `fault-${randomUUID().slice(0, 8)}`;
  let queueName = '';
  let queues = 0;
  // A queue of its own per test, under the one prefix the after hook deletes.
  beforeEach(() => void (queueName = `sweep-events-${++queues}`));
  const apps: INestApplicationContext[] = [];
  let rogue: Worker | undefined;

  after(async () => {
    await rogue?.close(true);
    for (const app of apps.splice(0).reverse()) await app.close();
    await deleteKeysUnder(redis, prefix);
    await redis.quit();
  });

  /** Runs the queue's jobs on a plain BullMQ worker that throws UnrecoverableError, and returns the failed job. */
  async function failWithRawWorker(pairId: string): Promise<Job<DeliveryJobData>> {
    const failed = deferred<Job<DeliveryJobData>>();
    rogue = new Worker<DeliveryJobData>(
      queueName,
      async () => {
        throw new UnrecoverableError('dead letter write failed');
      },
      { connection, prefix },
    );
    rogue.on('failed', (job) => job && failed.resolve(job as Job<DeliveryJobData>));
    const job = await withTimeout(failed.promise, 10_000, 'the raw worker to fail the job');
    assert.equal(job.id, pairId);
    await rogue.close();
    rogue = undefined;
    return job;
  }

  async function start(workers: boolean, providers: Type[]) {
    const delivery = new BullMqDelivery({ connection, prefix, queueName, workers });
    const moduleRef = await Test.createTestingModule({
      imports: [EventsModule.forRoot({ unknownEvents: 'allow', defaultMode: 'async', delivery })],
      providers,
    })
      .setLogger(quiet)
      .compile();
    // Registered before init, so a start that fails still has its Redis clients closed.
    apps.push(moduleRef);
    const app = await moduleRef.init().catch(async (error: unknown) => {
      apps.splice(apps.indexOf(moduleRef), 1);
      await delivery.close(1000);
      throw error;
    });
    // Apps close in `after`; `close` ends one earlier, as a redeploy would.
    const close = async () => {
      apps.splice(apps.indexOf(moduleRef), 1);
      await app.close();
    };
    return { bus: app.get(EventBus), deadLetters: app.get(DeadLetters), monitor: app.get(EventsInstrumentation), close };
  }

  it('moves a job from the failed set to the dead-letter queue when a worker starts: never in neither, never in both', async () => {
    let runs = 0;
    @Injectable()
    class Sweep {
      @OnDomainEvent('book.purchased', { name: HANDLER })
      run() {
        runs++;
      }
    }

    // 1. Enqueue from a producer only, so nothing runs the pair yet.
    const producer = await start(false, [Sweep]);
    const event = createDomainEvent({ type: 'book.purchased', data: { book_id: 'b1' }, source: 'failed-sweep' });
    await producer.bus.publish(event);
    const pairId = deliveryPairId(event.id, HANDLER);

    // 2. What the driver does when it cannot write a dead letter: fail the job with UnrecoverableError, so BullMQ
    // parks it in its failed set without retrying. A raw worker stands in for that run.
    const failedJob = await failWithRawWorker(pairId);
    const [parked] = await producer.deadLetters.counts();
    assert.deepEqual(
      { waiting: parked?.waiting, active: parked?.active, failed: parked?.failed, dead: parked?.dead },
      { waiting: 0, active: 0, failed: 1, dead: 0 },
      'the job is in the failed set and nowhere else',
    );
    const stored = await producer.deadLetters.list();
    assert.equal(stored.total, 0);

    // 3. A delivery with workers sweeps the failed set before its workers start.
    const consumer = await start(true, [Sweep]);
    const { items, total } = await consumer.deadLetters.list();
    assert.equal(total, 1);
    const [letter] = items;
    assert.ok(letter);
    assert.equal(letter.id, pairId);
    assert.equal(letter.handler, HANDLER);
    assert.deepEqual(json(letter.event), json(event));
    assert.equal(letter.queue, queueName);
    assert.equal(letter.error.message, 'dead letter write failed');
    assert.match(letter.error.stack ?? '', /dead letter write failed/);
    assert.equal(letter.attempts, 1);
    assert.equal(letter.lastFailedAt, new Date(failedJob.finishedOn!).toISOString());

    const [swept] = await consumer.deadLetters.counts();
    assert.deepEqual(
      { waiting: swept?.waiting, active: swept?.active, delayed: swept?.delayed, failed: swept?.failed, dead: swept?.dead },
      { waiting: 0, active: 0, delayed: 0, failed: 0, dead: 1 },
      'the job left the failed set and is a dead letter',
    );
    assert.equal(runs, 0, 'the sweep dead-letters the pair; it does not run the handler again');

    // 4. The dead letter is an ordinary one: reprocessing runs the handler with fresh attempts.
    assert.equal(await consumer.deadLetters.reprocess(pairId), true);
    await waitFor(() => consumer.monitor.deliveryStats().success === 1, { timeoutMs: 10_000, description: 'the reprocessed pair to run' });
    assert.equal(runs, 1);
    assert.equal((await consumer.deadLetters.list()).total, 0);
  });

  it('finishes a sweep that stopped between writing the dead letter and removing the failed job, without a duplicate', async () => {
    @Injectable()
    class Sweep {
      @OnDomainEvent('book.purchased', { name: HANDLER })
      run() {}
    }
    const producer = await start(false, [Sweep]);
    const event = createDomainEvent({ type: 'book.purchased', data: { book_id: 'b2' }, source: 'failed-sweep' });
    await producer.bus.publish(event);
    const pairId = deliveryPairId(event.id, HANDLER);
    await failWithRawWorker(pairId);

    // The state a crash mid-sweep leaves: the dead letter written, the failed job not yet removed.
    const dead = new Queue(`${queueName}.dead-letter`, { connection, prefix });
    const earlier = buildDeadLetter({
      event,
      handler: HANDLER,
      queue: queueName,
      error: new Error('dead letter write failed'),
      attempts: 1,
      firstFailedAt: new Date(),
      lastFailedAt: new Date(),
    });
    try {
      await dead.add(HANDLER, earlier, { jobId: pairId });
    } finally {
      await dead.close();
    }
    const [both] = await producer.deadLetters.counts();
    assert.deepEqual({ failed: both?.failed, dead: both?.dead }, { failed: 1, dead: 1 });

    const consumer = await start(true, [Sweep]);
    const [swept] = await consumer.deadLetters.counts();
    assert.deepEqual({ failed: swept?.failed, dead: swept?.dead }, { failed: 0, dead: 1 });
    const { items, total } = await consumer.deadLetters.list();
    assert.equal(total, 1);
    assert.equal(items[0]?.id, pairId);
    assert.deepEqual(json(items[0]?.event), json(event));
  });

  // When the dead-letter write itself fails, the job keeps the handler's error (in its data and as BullMQ's
  // failedReason and stack), so the dead letter the sweep writes later says why the handler gave up.
  it("after a real dead-letter write failure, the swept dead letter keeps the handler's error", async (t) => {
    let runs = 0;
    @Injectable()
    class Fatal {
      @OnDomainEvent('book.purchased', { name: HANDLER, retry: { maxAttempts: 1 } })
      run() {
        runs++;
        throw new PaymentGatewayError('gateway said no');
      }
    }
    const first = await start(true, [Fatal]);
    // Break the dead-letter queue: BullMQ's add script starts with INCR on its id key, which fails on a non-integer.
    const idKey = `${prefix}:${queueName}.dead-letter:id`;
    await redis.set(idKey, 'not-a-counter');
    const event = createDomainEvent({ type: 'book.purchased', data: { book_id: 'b3' }, source: 'failed-sweep' });
    await first.bus.publish(event);
    await waitFor(async () => (await first.deadLetters.counts())[0]?.failed === 1, {
      timeoutMs: 10_000,
      description: 'the job to land in the failed set after the dead-letter write failed',
    });
    assert.equal(runs, 1);
    assert.equal((await first.deadLetters.counts())[0]?.dead, 0, 'the dead letter could not be written');
    await first.close();

    // Redis is fixed; the next start sweeps the failed job into the dead-letter queue.
    await redis.del(idKey);
    const second = await start(true, [Fatal]);
    const [counts] = await second.deadLetters.counts();
    assert.deepEqual({ failed: counts?.failed, dead: counts?.dead }, { failed: 0, dead: 1 }, 'never in neither');
    const [letter] = (await second.deadLetters.list()).items;
    assert.ok(letter);
    assert.equal(letter.id, deliveryPairId(event.id, HANDLER));
    assert.equal(letter.attempts, 1);
    assert.equal(runs, 1, 'the sweep does not run the handler again');
    t.diagnostic(`swept dead letter error: ${letter.error.name}: ${letter.error.message}`);
    assert.deepEqual(
      { name: letter.error.name, message: letter.error.message },
      { name: 'PaymentGatewayError', message: 'gateway said no' },
    );
  });

  // One job whose envelope this application rejects (from another producer or an older deploy) must not stop every
  // start: the sweep logs it and leaves it in the failed set.
  it('still starts when the failed set holds a job whose envelope cannot be revived', async (t) => {
    @Injectable()
    class Sweep {
      @OnDomainEvent('book.purchased', { name: HANDLER })
      run() {}
    }
    const first = await start(true, [Sweep]);
    // A job from a producer that does not validate envelopes: metadata values must be strings.
    const event = createDomainEvent({ type: 'book.purchased', data: { book_id: 'b4' }, source: 'failed-sweep' });
    const poison = { event: { ...event, occurredAt: event.occurredAt.toISOString(), metadata: { tenant: 42 } }, handler: HANDLER };
    const queue = new Queue(queueName, { connection, prefix });
    try {
      await queue.add(HANDLER, poison, { jobId: deliveryPairId(event.id, HANDLER), attempts: 1, removeOnFail: false });
    } finally {
      await queue.close();
    }
    // The running worker cannot revive it either; BullMQ fails the job, with no dead letter.
    await waitFor(async () => (await first.deadLetters.counts())[0]?.failed === 1, {
      timeoutMs: 10_000,
      description: 'the poison job to be failed',
    });
    assert.equal((await first.deadLetters.counts())[0]?.dead, 0);
    await first.close();

    const restarted = await start(true, [Sweep]).then(
      (app) => ({ app }),
      (error: unknown) => ({ error }),
    );
    if ('error' in restarted) t.diagnostic(`the restart failed: ${String(restarted.error)}`);
    assert.ok('app' in restarted, 'the application starts');
  });
});
