import 'reflect-metadata';
import { BullModule } from '@nestjs/bullmq';
import { Injectable, type INestApplicationContext, type Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { EventsInstrumentation, EventBus, EventsModule, NonRetryableError, OnDomainEvent, createDomainEvent } from '@webnovel/events';
import { deliveryPairId } from '@webnovel/events/internal';
import { waitFor } from '@webnovel/testing';
import { Redis } from 'ioredis';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { BullMqDelivery } from './bullmq.delivery.js';
import { EventsBullMqModule } from './events-bullmq.module.js';
import { quiet, redisConnection as connection } from './test/redis.fixture.js';

// Every key and queue of this file carries this id, so SCAN finds ours (whatever prefix) and cleanup deletes only ours.
const id = randomUUID().slice(0, 8);
const redis = new Redis(connection);
const apps: INestApplicationContext[] = [];

/** Our keys matching a pattern, by SCAN (never KEYS on a Redis other tests share). */
async function scanKeys(match: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, page] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 1000);
    keys.push(...page);
    cursor = next;
  } while (cursor !== '0');
  return keys.sort();
}

after(async () => {
  for (const app of apps.splice(0).reverse()) await app.close();
  const ours = await scanKeys(`*${id}*`);
  if (ours.length > 0) await redis.del(...ours);
  await redis.quit();
});

async function start(bullPrefix: string, events: Parameters<typeof EventsBullMqModule.forRoot>[0], providers: Type[] = []) {
  const moduleRef = await Test.createTestingModule({
    imports: [
      BullModule.forRoot({ connection, prefix: bullPrefix }),
      EventsModule.forRootAsync({
        imports: [EventsBullMqModule.forRoot(events)],
        inject: [BullMqDelivery],
        useFactory: (delivery: BullMqDelivery) => ({
          unknownEvents: 'allow' as const,
          defaultMode: 'async' as const,
          logHandlers: false,
          delivery,
        }),
      }),
    ],
    providers,
  })
    .setLogger(quiet)
    .compile();
  const app = await moduleRef.init();
  apps.push(app);
  return app;
}

describe("EventsBullMqModule under BullModule.forRoot's prefix (real Redis)", () => {
  it('writes every key, work and dead-letter queues and the inbox, under the shared prefix and none under bull:', async () => {
    const prefix = `e2e-prefix-${id}`;
    const queueName = `prefixed-${id}`;
    @Injectable()
    class Handlers {
      @OnDomainEvent('book.purchased', { name: 'Royalty.credit' })
      credit() {}

      @OnDomainEvent('book.purchased', { name: 'Receipt.send' })
      send() {
        throw new NonRetryableError('no mail server');
      }
    }
    const app = await start(prefix, { queueName, handlers: { 'Receipt.send': { concurrency: 1 } } }, [Handlers]);
    const event = createDomainEvent({ type: 'book.purchased', data: { book_id: 'b-1' }, source: 'prefix-e2e' });
    await app.get(EventBus).publish(event);
    // The inbox is written before the success is recorded, and the dead letter before the dead-lettering is.
    await waitFor(() => {
      const stats = app.get(EventsInstrumentation).deliveryStats();
      return stats.success === 1 && stats.dead_lettered === 1;
    });

    const keys = await scanKeys(`*${id}*`);
    const stray = keys.filter((key) => !key.startsWith(`${prefix}:`));
    assert.deepEqual(stray, [], 'every key of ours is under the prefix of BullModule.forRoot');
    assert.deepEqual(await scanKeys(`bull:*${id}*`), [], 'nothing under BullMQ default prefix');
    const has = (key: string) => assert.ok(keys.includes(key), `expected ${key} among\n${keys.join('\n')}`);
    has(`${prefix}:${queueName}:meta`);
    has(`${prefix}:${queueName}:inbox:${deliveryPairId(event.id, 'Royalty.credit')}`);
    has(`${prefix}:${queueName}.dead-letter:meta`);
    has(`${prefix}:${queueName}.Receipt.send:meta`);
    has(`${prefix}:${queueName}.Receipt.send.dead-letter:${deliveryPairId(event.id, 'Receipt.send')}`);
  });

  it("lets EventsBullMqModule's own prefix win over the shared one", async () => {
    const shared = `e2e-shared-${id}`;
    const own = `e2e-own-${id}`;
    const queueName = `own-${id}`;
    await start(shared, { prefix: own, queueName });
    // Starting pauses the dead-letter queue, which writes its meta key.
    await waitFor(async () => (await scanKeys(`*${queueName}*`)).length > 0);
    const keys = await scanKeys(`*${queueName}*`);
    assert.deepEqual(
      keys.filter((key) => !key.startsWith(`${own}:`)),
      [],
      `every key is under the module's own prefix; found\n${keys.join('\n')}`,
    );
    assert.ok(keys.includes(`${own}:${queueName}.dead-letter:meta`));
  });
});
