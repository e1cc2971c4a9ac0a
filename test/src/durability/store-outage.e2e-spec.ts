import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import { createDomainEvent, EventBus, EventsModule, EventStoreUnavailableError } from '@webnovel/events';
import { PostgresEventStore } from '@webnovel/events-postgres';
import { TcpProxy } from '@webnovel/testing';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';

const quiet = { log() {}, warn() {}, error() {}, debug() {}, verbose() {} };
const table = `events_outage_${process.pid}_${Date.now().toString(36)}`;

describe('PostgreSQL outage at publish', () => {
  const proxy = new TcpProxy(5432);
  let pool: pg.Pool;
  let store: PostgresEventStore;

  before(async () => {
    const port = await proxy.start();
    // Through the proxy, so the test can take the database away from this pool alone.
    pool = new pg.Pool({ connectionString: `postgres://postgres@127.0.0.1:${port}/test`, connectionTimeoutMillis: 2000, max: 2 });
    pool.on('error', () => undefined);
    store = new PostgresEventStore({ pool, table });
    await store.ensureSchema();
  });
  after(async () => {
    proxy.restore();
    await new PostgresEventStore({ pool, table }).dropSchema();
    await pool.end();
    await proxy.stop();
  });

  it('rejects with a clear error and dispatches nothing, then recovers when the database is back', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [EventsModule.forRoot({ unknownEvents: 'allow', store, outbox: { enabled: false } })],
    })
      .setLogger(quiet)
      .compile();
    const app = await moduleRef.init();
    const bus = app.get(EventBus);
    const handled: string[] = [];
    bus.subscribe('order.placed', (e) => void handled.push(e.id));

    const before = createDomainEvent({ type: 'order.placed', data: {} });
    await bus.publish(before);
    assert.deepEqual(handled, [before.id]);

    proxy.cut();
    const during = createDomainEvent({ type: 'order.placed', data: {} });
    await assert.rejects(bus.publish(during), (error: unknown) => {
      assert.ok(error instanceof EventStoreUnavailableError);
      assert.equal(error.eventId, during.id);
      assert.match(
        error.message,
        /^The PostgresEventStore event store could not append "order\.placed" \(.+\), so nothing was dispatched: /,
      );
      return true;
    });
    assert.deepEqual(handled, [before.id], 'nothing may be dispatched without being logged');

    proxy.restore();
    await bus.publish(during); // the same event, published again once the database is back
    assert.deepEqual(handled, [before.id, during.id]);
    assert.equal((await store.getById(during.id))?.event.id, during.id);
    await app.close();
  });
});
