import 'reflect-metadata';
import { Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OnDomainEvent } from '../decorators/on-domain-event.decorator.js';
import { EventStoreRequiredError, UnknownReplayHandlerError } from '../errors/replay.error.js';
import { createDomainEvent } from '../event/domain-event.js';
import { EventsModule } from '../events.module.js';
import type { DomainEvent } from '../interfaces/domain-event.interface.js';
import type { EventsModuleOptions } from '../interfaces/events-module-options.interface.js';
import { EventReplayer, type ReplayProgress } from './event-replayer.js';
import { InMemoryEventStore } from './in-memory.event-store.js';

const quiet = { log() {}, warn() {}, error() {}, debug() {}, verbose() {} };
const received: string[] = [];

@Injectable()
class Projections {
  @OnDomainEvent('book.*')
  books(e: DomainEvent) {
    received.push(`books:${(e.data as { n: number }).n}`);
  }
  @OnDomainEvent('*', { name: 'audit', mode: 'async' })
  audit(e: DomainEvent) {
    received.push(`audit:${(e.data as { n: number }).n}`);
  }
  @OnDomainEvent('book.refunded', { name: 'flaky' })
  flaky() {
    throw new Error('projection bug');
  }
}

async function start(options: EventsModuleOptions) {
  const moduleRef = await Test.createTestingModule({
    imports: [EventsModule.forRoot({ unknownEvents: 'allow', outbox: { enabled: false }, ...options })],
    providers: [Projections],
  })
    .setLogger(quiet)
    .compile();
  return moduleRef.init();
}

async function seededStore() {
  const store = new InMemoryEventStore();
  const types = ['book.purchased', 'user.registered', 'book.refunded', 'book.purchased'];
  // Appended out of order: replay must follow occurredAt, not insertion.
  await store.appendMany(
    types.map((type, n) => createDomainEvent({ type, data: { n }, occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, 10 - n)) })).reverse(),
    { status: 'dispatched' },
  );
  return store;
}

describe('EventReplayer', () => {
  it('replays to every matching handler, in original order, without appending anything', async () => {
    const store = await seededStore();
    const app = await start({ store });
    received.length = 0;
    const progress: ReplayProgress[] = [];
    const report = await app.get(EventReplayer).replay({ onProgress: (p) => progress.push(p) });
    assert.deepEqual(received, ['books:3', 'audit:3', 'books:2', 'audit:2', 'audit:1', 'books:0', 'audit:0']);
    assert.equal(report.replayed, 4);
    assert.equal(report.failed, 1);
    assert.deepEqual(
      report.failures.map((f) => [f.handler, (f.error as Error).message]),
      [['flaky', 'projection bug']],
    );
    assert.deepEqual(
      progress.map((p) => p.replayed),
      [1, 2, 3, 4],
    );
    assert.equal((await store.find({}, { limit: 100 })).events.length, 4);
    await app.close();
  });

  it('replays a filter to one named handler only, at a bounded rate', async () => {
    const store = await seededStore();
    const app = await start({ store });
    received.length = 0;
    const started = Date.now();
    const report = await app.get(EventReplayer).replay({ handlers: ['audit'], filter: { types: ['book.purchased'] }, ratePerSecond: 50 });
    assert.deepEqual(received, ['audit:3', 'audit:0']);
    assert.equal(report.replayed, 2);
    // Two events at 50/s: the second may not start before 20 ms have passed.
    assert.ok(Date.now() - started >= 19, `rate limit not applied (${Date.now() - started} ms)`);
    await app.close();
  });

  it('refuses unknown handler names, naming the known ones, and needs a store', async () => {
    const app = await start({ store: await seededStore() });
    await assert.rejects(
      app.get(EventReplayer).replay({ handlers: ['audit', 'nope'] }),
      (error: unknown) =>
        error instanceof UnknownReplayHandlerError &&
        /unknown handler "nope"; nothing was replayed/.test(error.message) &&
        error.known.includes('Projections.books'),
    );
    await app.close();
    const bare = await start({});
    await assert.rejects(
      bare.get(EventReplayer).replay(),
      (error: unknown) => error instanceof EventStoreRequiredError && /Set the "store" option/.test(error.message),
    );
    await bare.close();
  });
});
