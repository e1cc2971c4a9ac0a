// The operator's path end to end on real Redis: a handler fails for good on BullMQ, the dead letter is read and
// reprocessed through the admin HTTP API once the handler is fixed, and the dead-letter queue ends empty.
import 'reflect-metadata';
import { Injectable, type INestApplication, type LoggerService } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { EventsAdminModule } from '@webnovel/events-admin';
import { BullMqDelivery } from '@webnovel/events-bullmq';
import { EventBus, EventsModule, OnDomainEvent, createDomainEvent, type DomainEvent } from '@webnovel/events';
import { deliveryPairId } from '@webnovel/events/internal';
import { deferred, waitFor } from '@webnovel/testing';
import { Redis } from 'ioredis';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';

const connection = { host: process.env.REDIS_HOST ?? '127.0.0.1', port: Number(process.env.REDIS_PORT ?? 6379) };
const quiet: LoggerService = { log() {}, warn() {}, error() {}, debug() {}, verbose() {} };
const KEY = `admin-${randomUUID()}`;
const prefix = `admin-e2e-${randomUUID().slice(0, 8)}`;
const state = { broken: true, handled: deferred<DomainEvent>() };

@Injectable()
class Royalties {
  @OnDomainEvent('book.purchased', {
    name: 'Royalties.credit',
    mode: 'async',
    retry: { maxAttempts: 2, initialDelayMs: 10, jitter: 'none' },
  })
  credit(event: DomainEvent) {
    if (state.broken) throw new Error('ledger unavailable');
    state.handled.resolve(event);
  }
}

describe('admin API over BullMQ dead letters', () => {
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  before(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        EventsModule.forRoot({ unknownEvents: 'allow', delivery: new BullMqDelivery({ connection, prefix }), logHandlers: false }),
        EventsAdminModule.forRoot({ apiKeys: KEY }),
      ],
      providers: [Royalties],
    })
      .setLogger(quiet)
      .compile();
    app = moduleRef.createNestApplication({ logger: quiet });
    await app.init();
    http = request(app.getHttpServer());
  });
  after(async () => {
    await app.close();
    const redis = new Redis(connection);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('lists, shows and reprocesses a dead letter through HTTP, leaving the dead-letter queue empty', async () => {
    const event = createDomainEvent({ type: 'book.purchased', data: { book_id: 'b-1' } });
    await app.get(EventBus).publish(event);
    const id = deliveryPairId(event.id, 'Royalties.credit');

    await http.get('/admin/events/dead-letters').expect(401);
    await http.get('/admin/events/dead-letters').set('x-api-key', 'wrong-key-0123456789').expect(401);
    await waitFor(async () => (await http.get('/admin/events/dead-letters').set('x-api-key', KEY)).body.total === 1);

    const shown = await http.get(`/admin/events/dead-letters/${id}`).set('x-api-key', KEY).expect(200);
    assert.equal(shown.body.handler, 'Royalties.credit');
    assert.equal(shown.body.attempts, 2);
    assert.equal(shown.body.error.message, 'ledger unavailable');
    assert.equal(shown.body.event.id, event.id);
    assert.equal(shown.body.queue, 'domain-events');
    const queues = await http.get('/admin/events/queues').set('x-api-key', KEY).expect(200);
    assert.deepEqual(queues.body.queues, [{ queue: 'domain-events', waiting: 0, active: 0, delayed: 0, failed: 0, dead: 1 }]);
    await http.get('/admin/events/dead-letters?limit=0&eventType=Bad').set('x-api-key', KEY).expect(400);

    state.broken = false;
    const reprocessed = await http.post(`/admin/events/dead-letters/${id}/reprocess`).set('x-api-key', KEY).expect(200);
    assert.deepEqual(reprocessed.body, { id, reprocessed: true });
    assert.equal((await state.handled.promise).id, event.id);
    const empty = await http.get('/admin/events/dead-letters').set('x-api-key', KEY).expect(200);
    assert.equal(empty.body.total, 0);
    await http.post(`/admin/events/dead-letters/${id}/reprocess`).set('x-api-key', KEY).expect(404);
  });
});
