import 'reflect-metadata';
import { Injectable, type Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { waitFor } from '@webnovel/testing';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EventBus } from '../bus/event-bus.js';
import { EventLog } from '../bus/event-log.js';
import { OnDomainEvent } from '../decorators/on-domain-event.decorator.js';
import { EventStoreUnavailableError } from '../errors/event-store.error.js';
import { InvalidEventsModuleOptionsError } from '../errors/invalid-events-options.error.js';
import { createDomainEvent } from '../event/domain-event.js';
import { EventsModule } from '../events.module.js';
import type { DomainEvent } from '../interfaces/domain-event.interface.js';
import type { EventStore } from '../interfaces/event-store.interface.js';
import type { EventsModuleOptions } from '../interfaces/events-module-options.interface.js';
import type { RecentEventCache } from '../interfaces/recent-event-cache.interface.js';
import { InMemoryEventStore } from './in-memory.event-store.js';
import { OutboxRelay } from './outbox.relay.js';
import { RetentionSweeper } from './retention.sweeper.js';

const quiet = { log() {}, warn() {}, error() {}, debug() {}, verbose() {} };
const event = (type = 'a.b') => createDomainEvent({ type, data: {} });

async function start(options: EventsModuleOptions, providers: Type[] = []) {
  const moduleRef = await Test.createTestingModule({ imports: [EventsModule.forRoot({ unknownEvents: 'allow', ...options })], providers })
    .setLogger(quiet)
    .compile();
  const app = await moduleRef.init();
  return { app, bus: app.get(EventBus) };
}

describe('persisted bus', () => {
  it('appends before any handler runs, then marks the event dispatched', async () => {
    const store = new InMemoryEventStore();
    const { app, bus } = await start({ store });
    const statusSeenByHandler: (string | undefined)[] = [];
    bus.subscribe('a.b', async (e) => void statusSeenByHandler.push((await store.getById(e.id))?.dispatchStatus));
    const published = event();
    await bus.publish(published);
    assert.deepEqual(statusSeenByHandler, ['pending']);
    await waitFor(async () => (await store.getById(published.id))?.dispatchStatus === 'dispatched', { description: 'the dispatch mark' });
    await app.close();
  });

  it('rejects with a clear error and dispatches nothing when the store cannot append', async () => {
    const failing = Object.assign(new InMemoryEventStore(), {
      append: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')),
      appendMany: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')),
    });
    const { app, bus } = await start({ store: failing });
    let handled = 0;
    bus.subscribe('*', () => void handled++);
    const e = event('book.purchased');
    await assert.rejects(bus.publish(e), (error: unknown) => {
      assert.ok(error instanceof EventStoreUnavailableError);
      assert.equal(error.eventId, e.id);
      assert.match(error.message, /could not append "book\.purchased" \(.+\), so nothing was dispatched: Error: connect ECONNREFUSED/);
      assert.match((error.cause as Error).message, /ECONNREFUSED/);
      return true;
    });
    await assert.rejects(bus.publishAll([event(), event()]), EventStoreUnavailableError);
    assert.equal(handled, 0);
    await app.close();
  });

  it('logs a whole batch in one appendMany before dispatching any of it', async () => {
    const store = new InMemoryEventStore();
    const calls: string[] = [];
    const spy = Object.assign(store, {
      appendMany: (events: readonly DomainEvent[]) => (
        calls.push(`appendMany:${events.length}`),
        InMemoryEventStore.prototype.appendMany.call(store, events)
      ),
    });
    const { app, bus } = await start({ store: spy });
    bus.subscribe('a.b', () => void calls.push('handler'));
    await bus.publishAll([event(), event(), event()]);
    assert.deepEqual(calls, ['appendMany:3', 'handler', 'handler', 'handler']);
    await app.close();
  });

  it('writes dispatch marks behind, several events per store call, and flushes them on shutdown', async () => {
    const store = new InMemoryEventStore();
    const marks: number[] = [];
    const spy = Object.assign(store, {
      markDispatched: (ids: readonly string[]) => (marks.push(ids.length), InMemoryEventStore.prototype.markDispatched.call(store, ids)),
    });
    const { app, bus } = await start({ store: spy });
    const events = [event(), event(), event()];
    await Promise.all(events.map((e) => bus.publish(e)));
    await app.close();
    assert.deepEqual(marks, [3]);
    for (const e of events) assert.equal((await store.getById(e.id))?.dispatchStatus, 'dispatched');
  });

  it('never fails a publish for the recent-event cache, and counts its failures', async () => {
    const added: string[] = [];
    let failNext = true;
    const cache: RecentEventCache = {
      add: async (e) => {
        if (failNext) {
          failNext = false;
          throw new Error('READONLY You cannot write against a read only replica');
        }
        added.push(e.id);
      },
      recent: async () => [],
      close: async () => {},
    };
    const { app, bus } = await start({ store: 'memory', recentCache: cache });
    let handled = 0;
    bus.subscribe('a.b', () => void handled++);
    await bus.publish(event());
    const second = event();
    await bus.publish(second);
    assert.equal(handled, 2);
    await waitFor(() => app.get(EventLog).stats.cacheFailures === 1 && added.length === 1, { description: 'the cache bookkeeping' });
    assert.deepEqual(added, [second.id]);
    await app.close();
  });

  it('rejects store options that cannot work, all at once', async () => {
    await assert.rejects(
      start({
        store: { append() {} } as unknown as EventStore,
        retention: { defaultMs: -5 },
        recentCache: {} as RecentEventCache,
        outbox: { graceMs: -1, every: 5 } as never,
      }),
      (error: unknown) =>
        error instanceof InvalidEventsModuleOptionsError &&
        error.problems.includes("retention applies to store: 'memory' only; pass retention to your store adapter instead") &&
        error.problems.includes('retention.defaultMs must be a positive integer of milliseconds or null') &&
        error.problems.includes('recentCache must implement RecentEventCache (add, recent and close)') &&
        error.problems.includes('outbox.graceMs must be an integer of at least 0') &&
        error.problems.includes('outbox.every is not an outbox option') &&
        error.problems.some((p) => p.startsWith("store must be 'memory' or an EventStore")),
    );
  });
});

describe('outbox relay', () => {
  it('dispatches events logged but never dispatched, once per handler, at startup', async () => {
    const store = new InMemoryEventStore();
    const orphan = event('order.placed');
    await store.append(orphan); // as if the publisher died right after its append
    await store.append(event('order.placed'), { status: 'dispatched' });
    const received: string[] = [];
    @Injectable()
    class Handlers {
      @OnDomainEvent('order.placed')
      first(e: DomainEvent) {
        received.push(`first:${e.id}`);
      }
      @OnDomainEvent('order.placed', { mode: 'async' })
      second(e: DomainEvent) {
        received.push(`second:${e.id}`);
      }
    }
    const { app } = await start({ store, outbox: { graceMs: 0, intervalMs: 20 } }, [Handlers]);
    await waitFor(async () => (await store.getById(orphan.id))?.dispatchStatus === 'dispatched', { description: 'the relay' });
    await waitFor(() => received.length === 2, { description: 'both handlers' });
    // More passes run meanwhile; none may dispatch the event again.
    const relay = app.get(OutboxRelay);
    assert.deepEqual(await relay.runOnce(), { dispatched: 0, failed: 0 });
    assert.deepEqual(received.sort(), [`first:${orphan.id}`, `second:${orphan.id}`]);
    await app.close();
  });

  it('leaves events younger than the grace period to their live publisher', async () => {
    const store = new InMemoryEventStore();
    await store.append(event());
    const { app } = await start({ store, outbox: { graceMs: 60_000, intervalMs: 60_000 } });
    assert.deepEqual(await app.get(OutboxRelay).runOnce(), { dispatched: 0, failed: 0 });
    await app.close();
  });

  it('counts relayed events whose handlers failed and still marks them, as a publish would', async () => {
    const store = new InMemoryEventStore();
    const { app, bus } = await start({ store, outbox: { graceMs: 0, intervalMs: 60_000 } });
    const relay = app.get(OutboxRelay); // its startup pass saw an empty log; the next timed one is a minute away
    bus.subscribe('a.b', () => {
      throw new Error('still broken');
    });
    await store.append(event());
    let failed = 0;
    let dispatched = 0;
    // graceMs 0 still means "stored strictly before now": poll until the clock has moved past the append.
    await waitFor(
      async () => {
        const result = await relay.runOnce();
        failed += result.failed;
        dispatched += result.dispatched;
        return dispatched > 0;
      },
      { description: 'a relay pass that picks the event up' },
    );
    assert.deepEqual({ failed, dispatched }, { failed: 1, dispatched: 1 });
    assert.deepEqual(await store.findUndispatched(new Date(Date.now() + 1000), 10), []);
    await app.close();
  });
});

describe('retention sweeper', () => {
  it('removes expired events from the configured store', async () => {
    const { app } = await start({ store: 'memory', retention: { defaultMs: 1, byType: { 'audit.kept': null } }, retentionSweepMs: 60_000 });
    const bus = app.get(EventBus);
    const log = app.get(EventLog);
    await bus.publishAll([event('a.b'), event('audit.kept')]);
    await waitFor(async () => (await app.get(RetentionSweeper).sweep()) === 1, { description: 'the expired event to be swept' });
    const left = await log.store!.find({}, { limit: 10 });
    assert.deepEqual(
      left.events.map((s) => s.event.type),
      ['audit.kept'],
    );
    await app.close();
  });
});
