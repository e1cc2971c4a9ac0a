import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createDomainEvent } from '../event/domain-event.js';
import { InvalidEventQueryError } from '../errors/event-store.error.js';
import type { DomainEvent } from '../interfaces/domain-event.interface.js';
import type { EventCursor, EventStore, StoredEvent } from '../interfaces/event-store.interface.js';
import { compareEventPosition } from '../store/event-order.js';
import type { RetentionOptions } from '../store/retention.js';
import type { EventCatalog } from '../catalog/event-catalog.js';
import { assertRevivedShipment, plainShipmentEvent, shipmentCatalog } from './shipment-dispatched.fixture.js';

/** What the suite needs from an adapter: a way to open an empty store with some options, and to clear it. */
export interface EventStoreHarness {
  /** Opens a store over an empty log, passing the options to the adapter's constructor. Called once per describe block. */
  open(options: { retention?: RetentionOptions; catalog?: EventCatalog }): Promise<EventStore>;
  /** Empties the log between tests. */
  clear(store: EventStore): Promise<void>;
  /** Events in the large replay test. @default 100_000 */
  largeCount?: number;
}

const at = (iso: string) => new Date(iso);
const event = (type: string, occurredAt: Date, extra: Partial<Parameters<typeof createDomainEvent>[0]> = {}): DomainEvent =>
  createDomainEvent({ type, occurredAt, data: { n: 1, nested: { list: [1, 2], text: 'ünïcødé ✓' } }, source: 'svc-a', ...extra });
const json = (e: DomainEvent) => JSON.parse(JSON.stringify(e)) as unknown;
const ids = (events: readonly StoredEvent[]) => events.map((s) => s.event.id);

/**
 * The one behavioural suite every `EventStore` adapter must pass: ordering, filters, both paginations,
 * idempotent append, cleanup and retention counts, dispatch status, replay order with bounded memory, and ping.
 */
export function describeEventStoreConformance(adapter: string, harness: EventStoreHarness): void {
  describe(`${adapter} event store conformance`, () => {
    let store: EventStore;
    before(async () => {
      store = await harness.open({});
    });
    after(async () => store.close());
    beforeEach(async () => harness.clear(store));

    it('appends and reads back an event exactly, as pending with no expiry', async () => {
      const e = event('book.purchased', at('2026-01-01T00:00:00.123Z'), {
        metadata: { traceparent: '00-a-b-01' },
        causationId: 'cause-1',
        correlationId: 'corr-1',
      });
      const before = Date.now();
      await store.append(e);
      const stored = await store.getById(e.id);
      assert.ok(stored);
      assert.deepStrictEqual(json(stored.event), json(e));
      assert.ok(stored.event.occurredAt instanceof Date);
      assert.equal(stored.event.occurredAt.toISOString(), '2026-01-01T00:00:00.123Z');
      assert.equal(stored.dispatchStatus, 'pending');
      assert.equal(stored.dispatchedAt, null);
      assert.equal(stored.expiresAt, null);
      assert.ok(stored.storedAt.getTime() >= before - 1000 && stored.storedAt.getTime() <= Date.now() + 1000);
      assert.equal(await store.getById('missing'), null);
    });

    it('keeps the first copy when an id is appended twice, singly or in a batch', async () => {
      const e = event('a.b', at('2026-01-01T00:00:00Z'));
      await store.append(e);
      await store.append({ ...e, data: { changed: true } });
      await store.appendMany([e, { ...e, source: 'other' }, event('a.b', at('2026-01-01T00:00:01Z'))]);
      const page = await store.find({}, { limit: 10 });
      assert.equal(page.events.length, 2);
      assert.deepStrictEqual(json((await store.getById(e.id))!.event), json(e));
    });

    it('appends a batch and an empty batch', async () => {
      await store.appendMany([]);
      const batch = Array.from({ length: 50 }, (_, i) => event('a.b', new Date(Date.UTC(2026, 0, 1, 0, 0, i))));
      await store.appendMany(batch);
      assert.deepEqual(ids((await store.find({}, { limit: 100 })).events), ids(batch.map(toStored)));
    });

    it('orders by (occurredAt, id) whatever the append order', async () => {
      const t = at('2026-03-01T00:00:00Z');
      const sameTime = [event('a.b', t), event('a.b', t), event('a.b', t)];
      const events = [event('a.b', at('2026-03-02T00:00:00Z')), ...sameTime.reverse(), event('a.b', at('2026-02-28T00:00:00Z'))];
      for (const e of events) await store.append(e);
      const found = (await store.find({}, { limit: 10 })).events.map((s) => s.event);
      const expected = [...events].sort(compareEventPosition);
      assert.deepEqual(
        found.map((e) => e.id),
        expected.map((e) => e.id),
      );
    });

    it('filters by types, source, correlation id and a [from, to) time range', async () => {
      const a = event('user.registered', at('2026-01-01T00:00:00Z'), { source: 'users', correlationId: 'c1' });
      const b = event('user.deleted', at('2026-01-02T00:00:00Z'), { source: 'users', correlationId: 'c1' });
      const c = event('book.purchased', at('2026-01-03T00:00:00Z'), { source: 'store', correlationId: 'c2' });
      await store.appendMany([a, b, c]);
      const q = async (filter: Parameters<EventStore['find']>[0]) => ids((await store.find(filter, { limit: 10 })).events);
      assert.deepEqual(await q({ types: ['user.registered', 'book.purchased'] }), [a.id, c.id]);
      assert.deepEqual(await q({ source: 'users' }), [a.id, b.id]);
      assert.deepEqual(await q({ correlationId: 'c2' }), [c.id]);
      assert.deepEqual(await q({ from: at('2026-01-02T00:00:00Z'), to: at('2026-01-03T00:00:00Z') }), [b.id]);
      assert.deepEqual(await q({ types: ['user.deleted'], source: 'store' }), []);
      assert.deepEqual(await q({ types: [] }), []);
    });

    it('pages with limit/offset and with a keyset cursor, without gaps or repeats', async () => {
      const events = Array.from({ length: 25 }, (_, i) => event(i % 2 ? 'a.odd' : 'a.even', new Date(Date.UTC(2026, 0, 1, 0, 0, i % 5))));
      await store.appendMany(events);
      const all = ids((await store.find({}, { limit: 100 })).events);
      assert.equal(all.length, 25);
      const offsetPage = await store.find({}, { limit: 10, offset: 20 });
      assert.deepEqual(ids(offsetPage.events), all.slice(20));
      const walked: string[] = [];
      let cursor: EventCursor | undefined;
      for (let pages = 0; pages < 10; pages++) {
        const page = await store.find({}, { limit: 7, ...(cursor ? { after: cursor } : {}) });
        walked.push(...ids(page.events));
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      assert.deepEqual(walked, all);
      const evens = await store.find({ types: ['a.even'] }, { limit: 5 });
      assert.ok(evens.nextCursor);
      const rest = await store.find({ types: ['a.even'] }, { limit: 100, after: evens.nextCursor });
      assert.equal(evens.events.length + rest.events.length, 13);
      assert.equal(rest.nextCursor, null);
    });

    it('rejects a bad query with every problem named, before touching the backend', async () => {
      await assert.rejects(
        store.find({ from: new Date('nope'), types: 'a.b' as never }, { limit: 0, offset: -1 }),
        (error: unknown) =>
          error instanceof InvalidEventQueryError &&
          error.problems.includes('filter.types must be an array of event types') &&
          error.problems.includes('filter.from must be a valid Date') &&
          error.problems.some((p) => p.startsWith('page.limit must be an integer from 1 to')) &&
          error.problems.includes('page.offset must be an integer of at least 0') &&
          /nothing was queried/.test(error.message),
      );
      await assert.rejects(store.cleanup(new Date('nope')), InvalidEventQueryError);
    });

    it('cleans up events before a time, optionally of some types, and counts them', async () => {
      const old1 = event('a.b', at('2025-01-01T00:00:00Z'));
      const old2 = event('c.d', at('2025-01-02T00:00:00Z'));
      const recent = event('a.b', at('2026-06-01T00:00:00Z'));
      await store.appendMany([old1, old2, recent]);
      assert.equal(await store.cleanup(at('2026-01-01T00:00:00Z'), { types: ['c.d'] }), 1);
      assert.equal(await store.cleanup(at('2026-01-01T00:00:00Z')), 1);
      assert.equal(await store.cleanup(at('2026-01-01T00:00:00Z')), 0);
      assert.deepEqual(ids((await store.find({}, { limit: 10 })).events), [recent.id]);
    });

    // Health checks call it every few seconds, so it must be cheap and answer without touching the log's rows.
    it('answers a ping', async () => {
      assert.equal(typeof store.ping, 'function', `${adapter} must implement ping() for health checks`);
      await store.ping!();
      await Promise.all(Array.from({ length: 5 }, () => store.ping!()));
    });

    it('marks events dispatched and lists the undispatched ones oldest first', async () => {
      const events = [
        event('a.b', at('2026-01-01T00:00:00Z')),
        event('a.b', at('2026-01-01T00:00:01Z')),
        event('a.b', at('2026-01-01T00:00:02Z')),
      ];
      for (const e of events) await store.append(e);
      await store.append(event('a.b', at('2026-01-01T00:00:03Z')), { status: 'dispatched' });
      const soon = new Date(Date.now() + 60_000);
      assert.deepEqual(ids(await store.findUndispatched(soon, 10)), ids(events.map(toStored)));
      assert.deepEqual(await store.findUndispatched(new Date(Date.now() - 60_000), 10), []);
      const dispatchedAt = new Date();
      await store.markDispatched([events[1]!.id, 'unknown-id'], dispatchedAt);
      assert.deepEqual(ids(await store.findUndispatched(soon, 1)), [events[0]!.id]);
      assert.deepEqual(ids(await store.findUndispatched(soon, 10)), [events[0]!.id, events[2]!.id]);
      const marked = await store.getById(events[1]!.id);
      assert.equal(marked?.dispatchStatus, 'dispatched');
      assert.equal(marked?.dispatchedAt?.getTime(), dispatchedAt.getTime());
    });

    it('replays matching events in order, one at a time, and stops on abort', async () => {
      const events = Array.from({ length: 30 }, (_, i) => event(i % 3 ? 'a.b' : 'c.d', new Date(Date.UTC(2026, 0, 1, 0, 0, 30 - i))));
      await store.appendMany(events);
      const seen: string[] = [];
      let active = 0;
      const count = await store.replay(
        { types: ['a.b'] },
        async (stored) => {
          assert.equal(++active, 1, 'replay must await each handler call');
          await new Promise((resolve) => setImmediate(resolve));
          seen.push(stored.event.id);
          active--;
        },
        { batchSize: 4 },
      );
      const expected = events
        .filter((e) => e.type === 'a.b')
        .sort(compareEventPosition)
        .map((e) => e.id);
      assert.equal(count, 20);
      assert.deepEqual(seen, expected);
      const controller = new AbortController();
      let stoppedAt = 0;
      const partial = await store.replay(
        {},
        () => {
          if (++stoppedAt === 5) controller.abort();
        },
        { batchSize: 4, signal: controller.signal },
      );
      assert.equal(partial, 5);
    });

    it(`replays ${harness.largeCount ?? 100_000} events in order with bounded memory`, { timeout: 300_000 }, async () => {
      const total = harness.largeCount ?? 100_000;
      const start = Date.UTC(2026, 0, 1);
      for (let offset = 0; offset < total; offset += 2000) {
        const batch = Array.from({ length: Math.min(2000, total - offset) }, (_, i) =>
          createDomainEvent({ type: 'load.test', occurredAt: new Date(start + offset + i), data: { i: offset + i, pad: 'x'.repeat(200) } }),
        );
        await store.appendMany(batch);
      }
      const baseline = process.memoryUsage().heapUsed;
      let peak = baseline;
      let previous: StoredEvent | undefined;
      let outOfOrder = 0;
      const count = await store.replay(
        { types: ['load.test'] },
        (stored) => {
          if (previous && compareEventPosition(previous.event, stored.event) >= 0) outOfOrder++;
          previous = stored;
          if ((stored.event.data as { i: number }).i % 1000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
        },
        { batchSize: 500 },
      );
      assert.equal(count, total);
      assert.equal(outOfOrder, 0);
      // Loading every row at once would hold ~total x 0.5 KB of documents plus driver overhead; a streamed replay stays near one batch.
      assert.ok(peak - baseline < 64 * 1024 * 1024, `replay grew the heap by ${Math.round((peak - baseline) / 1048576)} MiB`);
    });
  });

  describe(`${adapter} event store revival`, () => {
    /** Every read of the port, each checked to hand back the payload class with real Dates. */
    async function assertEveryReadRevives(store: EventStore, how: string): Promise<void> {
      const first = plainShipmentEvent({ occurredAt: new Date('2026-01-01T00:00:00Z') });
      const second = plainShipmentEvent({ occurredAt: new Date('2026-01-01T00:00:01Z') });
      await store.append(first);
      await store.appendMany([second]);
      assertRevivedShipment((await store.getById(first.id))?.event, `${how}: getById`);
      const page = await store.find({ types: ['shipment.dispatched'] }, { limit: 1 });
      assertRevivedShipment(page.events[0]?.event, `${how}: find`);
      assert.ok(page.nextCursor);
      assertRevivedShipment((await store.find({}, { limit: 1, after: page.nextCursor })).events[0]?.event, `${how}: find after a cursor`);
      assertRevivedShipment((await store.find({}, { limit: 1, offset: 1 })).events[0]?.event, `${how}: find with an offset`);
      const replayed: DomainEvent[] = [];
      await store.replay({}, (stored) => void replayed.push(stored.event), { batchSize: 1 });
      assert.equal(replayed.length, 2, `${how}: replay count`);
      replayed.forEach((e, i) => assertRevivedShipment(e, `${how}: replay #${i + 1}`));
      const pending = await store.findUndispatched(new Date(Date.now() + 60_000), 10);
      assert.equal(pending.length, 2, `${how}: findUndispatched count`);
      pending.forEach((s, i) => assertRevivedShipment(s.event, `${how}: findUndispatched #${i + 1}`));
    }

    it('reads back payload classes with real Dates when given a catalog in its options', async () => {
      const store = await harness.open({ catalog: shipmentCatalog });
      try {
        await harness.clear(store);
        await assertEveryReadRevives(store, 'catalog option');
      } finally {
        await store.close();
      }
    });

    it('reads back payload classes with real Dates once bound to a catalog, as EventsModule does', async () => {
      const store = await harness.open({});
      try {
        await harness.clear(store);
        assert.equal(typeof store.bindCatalog, 'function', `${adapter} must implement bindCatalog()`);
        store.bindCatalog!(shipmentCatalog);
        await assertEveryReadRevives(store, 'bindCatalog');
      } finally {
        await store.close();
      }
    });
  });

  describe(`${adapter} event store retention`, () => {
    let store: EventStore;
    before(async () => {
      store = await harness.open({ retention: { defaultMs: 60_000, byType: { 'user.logged_in': 1000, 'audit.kept': null } } });
    });
    after(async () => store.close());
    beforeEach(async () => harness.clear(store));

    it('sets expiresAt from the global and per-type retention, and removes expired events', async () => {
      const login = event('user.logged_in', new Date());
      const other = event('a.b', new Date());
      const kept = event('audit.kept', new Date());
      await store.appendMany([login, other, kept]);
      const [l, o, k] = await Promise.all([login, other, kept].map((e) => store.getById(e.id)));
      assert.equal(l!.expiresAt!.getTime() - l!.storedAt.getTime(), 1000);
      assert.equal(o!.expiresAt!.getTime() - o!.storedAt.getTime(), 60_000);
      assert.equal(k!.expiresAt, null);
      assert.equal(await store.removeExpired(new Date(l!.storedAt.getTime() + 5000)), 1);
      assert.equal(await store.getById(login.id), null);
      assert.equal(await store.removeExpired(new Date(Date.now() + 3_600_000)), 1);
      assert.ok(await store.getById(kept.id));
    });
  });
}

function toStored(event: DomainEvent): StoredEvent {
  return { event, storedAt: new Date(0), dispatchStatus: 'pending', dispatchedAt: null, expiresAt: null };
}
