import 'reflect-metadata';
import { Injectable, type INestApplicationContext, type Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  DeadLetters,
  EventBus,
  EventsModule,
  OnDomainEvent,
  eventFactory,
  type AnyEventUpcaster,
  type DomainEvent,
  type EventDefinition,
} from '@webnovel/events';
import { deliveryPairId } from '@webnovel/events/internal';
import { waitFor } from '@webnovel/testing';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { MemberJoinedV2, MemberJoinedV3, memberJoinedV1, memberJoinedV2, memberJoinedV3, v1ToV2, v2ToV3 } from '@webnovel/events/testing';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, beforeEach, describe, it } from 'node:test';
import { BullMqDelivery } from './bullmq.delivery.js';
import type { DeliveryJobData } from './delivery-job.js';
import { deleteKeysUnder, quiet, redisConnection } from './test/redis.fixture.js';

const connection = redisConnection;
// The same name in every deployment: the queued job names its handler, so this is what ties old jobs to new code.
const WELCOME = 'Welcome.send';
const joinedV1 = eventFactory(memberJoinedV1);

const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

/** One deployment's `Welcome.send`: records what it receives. Declared per app, so nothing is shared between them. */
function welcomeHandler(received: DomainEvent[]): Type {
  @Injectable()
  class Welcome {
    @OnDomainEvent('member.joined', { name: WELCOME, mode: 'async' })
    send(event: DomainEvent): void {
      received.push(event);
    }
  }
  return Welcome;
}

describe('BullMQ delivery: jobs enqueued under an older event version', () => {
  const redis = new Redis(connection);
  const prefix = `versioned-${randomUUID().slice(0, 8)}`;
  let queueName = '';
  let queues = 0;
  // A queue of its own per test, under the one prefix the after hook deletes.
  beforeEach(() => void (queueName = `versioned-events-${++queues}`));
  const apps: INestApplicationContext[] = [];
  const raws: Queue[] = [];

  after(async () => {
    for (const app of apps.splice(0).reverse()) await app.close();
    for (const raw of raws.splice(0)) await raw.close();
    await deleteKeysUnder(redis, prefix);
    await redis.quit();
  });

  /** One deployment of the service: its catalog, its upcasters, its `Welcome.send`. */
  async function deploy(catalog: EventDefinition[], upcasters: AnyEventUpcaster[] = []) {
    const received: DomainEvent[] = [];
    const moduleRef = await Test.createTestingModule({
      imports: [
        EventsModule.forRoot({
          catalog,
          upcasters,
          logHandlers: false,
          // Retries allowed, so a single attempt shows the error was taken as non-retryable.
          retry: { maxAttempts: 5, initialDelayMs: 1 },
          delivery: new BullMqDelivery({ connection, prefix, queueName }),
        }),
      ],
      providers: [welcomeHandler(received)],
    })
      .setLogger(quiet)
      .compile();
    apps.push(moduleRef);
    const app = await moduleRef.init();
    const shutdown = async () => {
      apps.splice(apps.indexOf(moduleRef), 1);
      await app.close();
    };
    return { bus: app.get(EventBus), deadLetters: app.get(DeadLetters), received, shutdown };
  }

  /** The work queue, seen directly: pausing it globally keeps every worker, old or new, from taking its jobs. */
  async function rawQueue(): Promise<Queue<DeliveryJobData>> {
    const raw = new Queue<DeliveryJobData>(queueName, { connection, prefix });
    raws.push(raw);
    await raw.pause();
    return raw;
  }

  /**
   * The old deployment (v1 only, workers running) publishes a v1 event and shuts down; the queue is paused, so its
   * job is left for whatever code runs next.
   */
  async function enqueueUnderOldCode(): Promise<DomainEvent> {
    const old = await deploy([memberJoinedV1]);
    const event = joinedV1({ name: 'Lin' }, { source: 'members' });
    await old.bus.publish(event);
    await old.shutdown();
    assert.deepEqual(old.received, [], 'the old deployment only enqueued');
    return event;
  }

  /** Waits until the work queue has nothing left to run, so "exactly once" is checked after every run is over. */
  async function drained(raw: Queue): Promise<void> {
    await waitFor(
      async () => {
        const c = await raw.getJobCounts('waiting', 'prioritized', 'active', 'delayed');
        return Object.values(c).every((n) => n === 0);
      },
      { timeoutMs: 10_000, description: `${raw.name} to drain` },
    );
  }

  it('runs a v1 job enqueued by the old code as v2 in the new code, and never rewrites the queued job', async () => {
    const raw = await rawQueue();
    const event = await enqueueUnderOldCode();

    const next = await deploy([memberJoinedV1, memberJoinedV2], [v1ToV2]);
    // Read with the new deployment up and its workers ready, before they may take the job.
    const job = await raw.getJob(deliveryPairId(event.id, WELCOME));
    assert.ok(job, 'the old deployment left its job in the queue');
    assert.equal(job.data.handler, WELCOME);
    assert.deepEqual(job.data.event, json(event), 'the job holds the v1 event exactly as the old code published it');
    assert.equal(job.data.event.version, 1);

    await raw.resume();
    await waitFor(() => next.received.length > 0, { timeoutMs: 10_000, description: 'the new Welcome.send to run' });
    await drained(raw);

    assert.equal(next.received.length, 1, 'delivered once');
    const [delivered] = next.received;
    assert.equal(delivered!.id, event.id, 'the same event, read in a newer shape');
    assert.equal(delivered!.version, 2);
    assert.equal(delivered!.correlationId, event.correlationId);
    assert.equal(delivered!.occurredAt.toISOString(), event.occurredAt.toISOString());
    assert.ok(delivered!.data instanceof MemberJoinedV2, 'the payload is an instance of the v2 class');
    assert.deepEqual({ ...delivered!.data }, { name: 'Lin', tier: 'free' }, "with the upcaster's default tier");
    assert.equal((await next.deadLetters.list()).total, 0);
  });

  it('dead-letters a v1 job the new code has no upcaster for, and delivers it as v3 once the upcaster is deployed', async () => {
    const raw = await rawQueue();
    const event = await enqueueUnderOldCode();
    const pairId = deliveryPairId(event.id, WELCOME);

    // A deployment that dropped v1 (and its upcaster) while v1 jobs were still queued.
    const gap = await deploy([memberJoinedV2, memberJoinedV3], [v2ToV3]);
    await raw.resume();
    await waitFor(async () => (await gap.deadLetters.list()).total === 1, {
      timeoutMs: 10_000,
      description: 'the v1 job to be dead-lettered',
    });
    await drained(raw);
    const letter = await gap.deadLetters.get(pairId);
    assert.ok(letter);
    assert.equal(letter.handler, WELCOME);
    assert.equal(letter.attempts, 1, 'not retried: no retry can bring a missing upcaster');
    assert.equal(letter.error.name, 'UpcasterMissingError');
    assert.match(letter.error.message, /^No upcaster leads "member\.joined" from v1 to v3\. Register the upcasters of every step/);
    assert.deepEqual(json(letter.event), json(event), 'the dead letter keeps the v1 event as it was queued');
    assert.deepEqual(gap.received, []);
    const [counts] = await gap.deadLetters.counts();
    assert.deepEqual({ failed: counts?.failed, dead: counts?.dead }, { failed: 0, dead: 1 });
    // Closed first, so only the fixed deployment's workers can take the reprocessed job.
    await gap.shutdown();

    const fixed = await deploy([memberJoinedV1, memberJoinedV2, memberJoinedV3], [v1ToV2, v2ToV3]);
    assert.equal(await fixed.deadLetters.reprocess(pairId), true);
    await waitFor(() => fixed.received.length > 0, { timeoutMs: 10_000, description: 'the reprocessed dead letter to run' });
    await drained(raw);

    assert.equal(fixed.received.length, 1, 'delivered once');
    const [delivered] = fixed.received;
    assert.equal(delivered!.id, event.id);
    assert.equal(delivered!.version, 3);
    assert.ok(delivered!.data instanceof MemberJoinedV3);
    assert.deepEqual({ ...delivered!.data }, { display_name: 'Lin', tier: 'free' }, 'upcast along 1→2→3');
    assert.equal((await fixed.deadLetters.list()).total, 0, 'the dead letter is gone once reprocessed');
  });
});
