import 'reflect-metadata';
import { Injectable, type INestApplicationContext, type Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  DeadLetters,
  EventsInstrumentation,
  EventBus,
  EventsModule,
  OnDomainEvent,
  createDomainEvent,
  type DomainEvent,
  type HandlerContext,
} from '@webnovel/events';
import { deliveryPairId } from '@webnovel/events/internal';
import { deferred, waitFor, withTimeout } from '@webnovel/testing';
import { Redis } from 'ioredis';
import assert from 'node:assert/strict';
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { BullMqDelivery } from './bullmq.delivery.js';
import { redisConnection, quiet, deleteKeysUnder } from './test/redis.fixture.js';

const connection = redisConnection;
const childScript = fileURLToPath(new URL('./worker-crash.e2e-spec.child.js', import.meta.url));
const HANDLER = 'Crash.handler';

/** Resolves with the first IPC message that has `key`; rejects on the child's error message, its exit, or the timeout. */
function nextMessage<T>(child: ChildProcess, key: string, timeoutMs = 20_000): Promise<T> {
  return withTimeout(
    new Promise<T>((resolve, reject) => {
      child.on('message', (m: Record<string, unknown>) => {
        if (m && typeof m === 'object' && 'error' in m) reject(new Error(`child failed: ${String(m.error)}`));
        if (m && typeof m === 'object' && key in m) resolve(m as T);
      });
      child.once('exit', (code, signal) => reject(new Error(`child exited (${code ?? signal}) before "${key}"`)));
    }),
    timeoutMs,
    `the child's "${key}" message`,
  );
}

describe('BullMQ delivery: a worker SIGKILLed mid-job', () => {
  const redis = new Redis(connection);
  const prefix = `fault-${randomUUID().slice(0, 8)}`;
  const queueName = 'crash-events';
  const apps: INestApplicationContext[] = [];
  let child: ChildProcess | undefined;

  after(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
    for (const app of apps.splice(0).reverse()) await app.close();
    await deleteKeysUnder(redis, prefix);
    await redis.quit();
  });

  async function start(delivery: BullMqDelivery, providers: Type[]) {
    const moduleRef = await Test.createTestingModule({
      imports: [EventsModule.forRoot({ unknownEvents: 'allow', defaultMode: 'async', delivery })],
      providers,
    })
      .setLogger(quiet)
      .compile();
    const app = await moduleRef.init();
    apps.push(app);
    return { bus: app.get(EventBus), deadLetters: app.get(DeadLetters), monitor: app.get(EventsInstrumentation) };
  }

  it('recovers the stalled job on another worker, which runs the handler exactly once', async (t) => {
    // 1. The worker that will die: a child process whose handler reports "started" and then hangs.
    child = fork(childScript, [prefix, queueName, HANDLER], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    await nextMessage(child, 'ready');

    // 2. A producer only, with the handler registered under the same name so the pair is enqueued for it.
    @Injectable()
    class ProducerSide {
      @OnDomainEvent('book.purchased', { name: HANDLER })
      run() {
        throw new Error('a producer without workers never runs handlers');
      }
    }
    const producer = await start(new BullMqDelivery({ connection, prefix, queueName, workers: false }), [ProducerSide]);
    const event = createDomainEvent({ type: 'book.purchased', data: { book_id: 'b1' }, source: 'worker-crash' });
    const started = nextMessage<{ started: string }>(child, 'started');
    await producer.bus.publish(event);
    assert.equal((await started).started, event.id);

    // 3. Kill it mid-job: the job stays active, its lock expires after lockDurationMs.
    child.kill('SIGKILL');
    const [, signal] = await once(child, 'exit');
    assert.equal(signal, 'SIGKILL');
    const [orphaned] = await producer.deadLetters.counts();
    assert.deepEqual(
      { active: orphaned?.active, waiting: orphaned?.waiting, failed: orphaned?.failed, dead: orphaned?.dead },
      { active: 1, waiting: 0, failed: 0, dead: 0 },
      'the killed worker left its job active',
    );

    // 4. A healthy worker with short lock and stalled intervals takes the job over.
    // The job's hash counts the times BullMQ's stalled check moved it back to waiting ("stc"); read it mid-run.
    const jobKey = `${prefix}:${queueName}:${deliveryPairId(event.id, HANDLER)}`;
    const completions: { eventId: string; attempt: number; stalled: string | null }[] = [];
    const completed = deferred();
    @Injectable()
    class WorkingSide {
      @OnDomainEvent('book.purchased', { name: HANDLER })
      async run(e: DomainEvent, context: HandlerContext) {
        completions.push({ eventId: e.id, attempt: context.attempt, stalled: await redis.hget(jobKey, 'stc') });
        completed.resolve();
      }
    }
    const recovered = Date.now();
    const survivor = await start(new BullMqDelivery({ connection, prefix, queueName, lockDurationMs: 1000, stalledIntervalMs: 500 }), [
      WorkingSide,
    ]);
    await withTimeout(completed.promise, 15_000, 'the stalled job to be recovered and run');
    const recoveryMs = Date.now() - recovered;

    await waitFor(() => survivor.monitor.deliveryStats().success === 1, { description: 'the run to be recorded' });
    await waitFor(async () => (await survivor.deadLetters.counts()).every((c) => c.waiting + c.active + c.delayed === 0), {
      timeoutMs: 5000,
      description: 'the queue to drain',
    });
    const [counts] = await survivor.deadLetters.counts();
    assert.deepEqual(
      { waiting: counts?.waiting, active: counts?.active, delayed: counts?.delayed, failed: counts?.failed, dead: counts?.dead },
      { waiting: 0, active: 0, delayed: 0, failed: 0, dead: 0 },
    );
    assert.deepEqual(completions, [{ eventId: event.id, attempt: 1, stalled: '1' }], 'the stalled job ran exactly once more');
    assert.deepEqual(survivor.monitor.deliveryStats(), { success: 1, retried: 0, dead_lettered: 0, skipped_duplicate: 0 });
    assert.equal((await survivor.deadLetters.list()).total, 0);
    // Lock expiry (1 s) plus up to two stalled checks (0.5 s apart), less the time already spent since the kill.
    t.diagnostic(`stalled job recovered and run ${recoveryMs} ms after the second worker started`);
  });
});
