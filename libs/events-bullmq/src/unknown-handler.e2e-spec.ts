import 'reflect-metadata';
import { Injectable, type INestApplicationContext, type LoggerService, type Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  DeadLetterHandlerMissingError,
  DeadLetters,
  EventsInstrumentation,
  EventBus,
  EventsModule,
  OnDomainEvent,
  createDomainEvent,
} from '@webnovel/events';
import { deliveryPairId } from '@webnovel/events/internal';
import { waitFor } from '@webnovel/testing';
import { Redis } from 'ioredis';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { BullMqDelivery } from './bullmq.delivery.js';
import { redisConnection, deleteKeysUnder } from './test/redis.fixture.js';

const connection = redisConnection;

const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('BullMQ delivery: a job for a handler the consuming application does not have', () => {
  const redis = new Redis(connection);
  const prefix = `fault-${randomUUID().slice(0, 8)}`;
  const queueName = 'shared-events';
  const apps: INestApplicationContext[] = [];
  const errors: string[] = [];
  const logger: LoggerService = {
    log() {},
    warn() {},
    debug() {},
    verbose() {},
    error: (message: unknown) => void errors.push(String(message)),
  };

  after(async () => {
    for (const app of apps.splice(0).reverse()) await app.close();
    await deleteKeysUnder(redis, prefix);
    await redis.quit();
  });

  async function start(workers: boolean, providers: Type[]) {
    const moduleRef = await Test.createTestingModule({
      imports: [
        EventsModule.forRoot({
          unknownEvents: 'allow',
          defaultMode: 'async',
          delivery: new BullMqDelivery({ connection, prefix, queueName, workers }),
        }),
      ],
      providers,
    })
      .setLogger(logger)
      .compile();
    const app = await moduleRef.init();
    apps.push(app);
    return { bus: app.get(EventBus), deadLetters: app.get(DeadLetters), monitor: app.get(EventsInstrumentation) };
  }

  it('dead-letters it with UnknownJobHandlerError, naming the handler and telling to give each service its own queueName', async () => {
    // The service that publishes, and used to have (or another service has) the handler; it only produces here.
    @Injectable()
    class Publisher {
      @OnDomainEvent('book.purchased', { name: 'Gone.handler' })
      gone() {
        throw new Error('a producer without workers never runs handlers');
      }
    }
    // The service whose workers consume the shared queue, without that handler.
    let keptRuns = 0;
    @Injectable()
    class Consumer {
      @OnDomainEvent('chapter.published', { name: 'Kept.handler' })
      kept() {
        keptRuns++;
      }
    }
    const consumer = await start(true, [Consumer]);
    const producer = await start(false, [Publisher]);

    const event = createDomainEvent({ type: 'book.purchased', data: { book_id: 'b1' }, source: 'unknown-handler' });
    await producer.bus.publish(event);
    await waitFor(async () => (await consumer.deadLetters.list()).total === 1, {
      timeoutMs: 10_000,
      description: 'the job to be dead-lettered',
    });

    const pairId = deliveryPairId(event.id, 'Gone.handler');
    const [letter] = (await consumer.deadLetters.list()).items;
    assert.ok(letter);
    assert.equal(letter.id, pairId);
    assert.equal(letter.handler, 'Gone.handler');
    assert.equal(letter.queue, queueName);
    assert.deepEqual(json(letter.event), json(event));
    assert.equal(letter.attempts, 1);
    assert.equal(letter.error.name, 'UnknownJobHandlerError');
    assert.match(letter.error.message, new RegExp(`^Job ${escape(pairId)} on ${queueName} is for handler "Gone\\.handler"`));
    assert.match(letter.error.message, /which this application does not register, so it was dead-lettered/);
    assert.match(letter.error.message, /Give each service its own queueName/);
    assert.match(letter.error.stack ?? '', /^UnknownJobHandlerError: /);

    // The job completed (dead-lettered), so nothing is left to run or retry.
    await waitFor(async () => (await consumer.deadLetters.counts()).every((c) => c.waiting + c.active + c.delayed === 0), {
      description: 'the queue to drain',
    });
    const [counts] = await consumer.deadLetters.counts();
    assert.deepEqual({ failed: counts?.failed, dead: counts?.dead }, { failed: 0, dead: 1 });
    assert.equal(keptRuns, 0);
    assert.ok(
      errors.some((m) => m.includes('"Gone.handler"') && m.includes('Give each service its own queueName')),
      `the consumer logs it as an error; logged: ${JSON.stringify(errors)}`,
    );

    // The consuming application cannot reprocess it; the dead letter is kept for the service that owns the handler.
    await assert.rejects(consumer.deadLetters.reprocess(pairId), DeadLetterHandlerMissingError);
    assert.equal((await producer.deadLetters.list()).total, 1, 'the owner sees the same dead letter');
  });
});
