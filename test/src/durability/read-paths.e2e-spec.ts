// Every read path on the real services hands back the catalog class with real Dates, when the adapters were built
// without a catalog and got the module's: the PostgreSQL log (getById, find, replay, the relay), the Redis recent-event
// cache, and BullMQ dead letters (which keep events as JSON in Redis).
import 'reflect-metadata';
import { Injectable, type INestApplicationContext, type LoggerService } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { BullMqDelivery } from '@webnovel/events-bullmq';
import { PostgresEventStore } from '@webnovel/events-postgres';
import { RedisRecentEventCache } from '@webnovel/events-redis';
import {
  DeadLetters,
  EventBus,
  EventReplayer,
  EventsModule,
  NonRetryableError,
  OnDomainEvent,
  OutboxRelay,
  type DomainEvent,
  type EventsModuleOptions,
} from '@webnovel/events';
import { deliveryPairId } from '@webnovel/events/internal';
import { assertRevivedShipment, plainShipmentEvent, shipmentCatalog, shipmentDispatchedEvent } from '@webnovel/events/testing';
import { waitFor } from '@webnovel/testing';
import { Redis } from 'ioredis';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import pg from 'pg';

const POSTGRES_URL = process.env.POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const connection = { host: process.env.REDIS_HOST ?? '127.0.0.1', port: Number(process.env.REDIS_PORT ?? 6379) };
const quiet: LoggerService = { log() {}, warn() {}, error() {}, debug() {}, verbose() {} };
const suffix = randomBytes(5).toString('hex');
const table = `read_paths_${suffix}`;
const prefix = `read-paths-${suffix}`;
const seen: { path: string; event: DomainEvent }[] = [];
let path = 'publish';

@Injectable()
class Shipping {
  @OnDomainEvent('shipment.dispatched', { name: 'Shipping.track' })
  track(event: DomainEvent) {
    seen.push({ path, event });
  }
}

@Injectable()
class Courier {
  @OnDomainEvent('shipment.dispatched', { name: 'Courier.book', mode: 'async' })
  book() {
    throw new NonRetryableError('the courier API refused the booking');
  }
}

async function start(options: EventsModuleOptions, providers: (typeof Shipping | typeof Courier)[]): Promise<INestApplicationContext> {
  const moduleRef = await Test.createTestingModule({
    imports: [EventsModule.forRoot({ catalog: shipmentCatalog, logHandlers: false, outbox: { enabled: false, graceMs: 0 }, ...options })],
    providers,
  })
    .setLogger(quiet)
    .compile();
  return moduleRef.init();
}

after(async () => {
  const pool = new pg.Pool({ connectionString: POSTGRES_URL });
  await new PostgresEventStore({ pool, table }).dropSchema();
  await pool.end();
  const redis = new Redis(connection);
  const keys: string[] = [];
  for await (const batch of redis.scanStream({ match: `${prefix}*`, count: 500 })) keys.push(...(batch as string[]));
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

describe('read paths on the real services', () => {
  it('PostgreSQL: getById, find, cursor replay, the relay and EventReplayer hand back the payload class', async () => {
    const store = new PostgresEventStore({ connectionString: POSTGRES_URL, table });
    await store.ensureSchema();
    const app = await start({ store }, [Shipping]);
    const stranded = plainShipmentEvent();
    // Appended behind the bus's back, as a crashed publisher or a transactional outbox leaves it.
    await store.append(stranded);
    assertRevivedShipment((await store.getById(stranded.id))?.event, 'getById');
    assertRevivedShipment((await store.find({ types: ['shipment.dispatched'] }, { limit: 10 })).events[0]?.event, 'find');
    const replayed: DomainEvent[] = [];
    await store.replay({}, (stored) => void replayed.push(stored.event), { batchSize: 1 });
    assertRevivedShipment(replayed[0], 'store.replay');

    path = 'relay';
    const relay = app.get(OutboxRelay);
    await waitFor(async () => (await relay.runOnce()).dispatched === 1, { description: 'the relay to dispatch the event' });
    path = 'replay';
    assert.equal((await app.get(EventReplayer).replay({ handlers: ['Shipping.track'] })).replayed, 1);
    assert.deepEqual(
      seen.map((s) => s.path),
      ['relay', 'replay'],
    );
    for (const s of seen) assertRevivedShipment(s.event, s.path);
    await app.close();
  });

  it('Redis: the recent-event cache and EventBus.recentEvents hand back the payload class', async () => {
    const cache = new RedisRecentEventCache({ url: `redis://${connection.host}:${connection.port}`, keyPrefix: `${prefix}:recent:` });
    const app = await start({ recentCache: cache }, []);
    const event = shipmentDispatchedEvent(plainShipmentEvent().data as never);
    await app.get(EventBus).publish(event);
    await waitFor(async () => (await cache.recent('shipment.dispatched')).length === 1, { description: 'the cache write' });
    assertRevivedShipment((await cache.recent('shipment.dispatched'))[0], 'cache.recent');
    assertRevivedShipment((await app.get(EventBus).recentEvents('shipment.dispatched'))[0], 'EventBus.recentEvents');
    await app.close();
  });

  it('BullMQ: DeadLetters.list and get hand back the payload class of a dead letter kept in Redis', async () => {
    const app = await start({ delivery: new BullMqDelivery({ connection, prefix }) }, [Courier]);
    const event = shipmentDispatchedEvent(plainShipmentEvent().data as never);
    await app.get(EventBus).publish(event);
    const deadLetters = app.get(DeadLetters);
    await waitFor(async () => (await deadLetters.list()).total === 1, { timeoutMs: 10_000, description: 'the dead letter' });
    assertRevivedShipment((await deadLetters.list()).items[0]?.event, 'DeadLetters.list');
    assertRevivedShipment((await deadLetters.get(deliveryPairId(event.id, 'Courier.book')))?.event, 'DeadLetters.get');
    await app.close();
  });
});
