import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import { waitFor } from '@webnovel/testing';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EventBus } from '../bus/event-bus.js';
import { DeadLetters } from '../delivery/dead-letters.service.js';
import { buildDeadLetter } from '../delivery/delivery-pair.js';
import { InProcessDelivery } from '../delivery/in-process.delivery.js';
import { EventsModule } from '../events.module.js';
import type { DomainEvent } from '../interfaces/domain-event.interface.js';
import type { EventStore } from '../interfaces/event-store.interface.js';
import type { EventsModuleOptions } from '../interfaces/events-module-options.interface.js';
import type { RecentEventCache } from '../interfaces/recent-event-cache.interface.js';
import { assertRevivedShipment, plainShipmentEvent, shipmentCatalog } from '../testing/shipment-dispatched.fixture.js';
import { EventReplayer } from './event-replayer.js';
import { InMemoryEventStore } from './in-memory.event-store.js';
import { OutboxRelay } from './outbox.relay.js';

// The relay's own schedule is off, so each test runs its single pass. Every path that reads an event back hands handlers and callers the catalog class with real Dates, including a store
// and a cache that know nothing of catalogs (no bindCatalog) and keep events exactly as JSON left them.

const quiet = { log() {}, warn() {}, error() {}, debug() {}, verbose() {} };

async function start(options: EventsModuleOptions) {
  const moduleRef = await Test.createTestingModule({
    imports: [EventsModule.forRoot({ catalog: shipmentCatalog, outbox: { enabled: false, graceMs: 0 }, ...options })],
  })
    .setLogger(quiet)
    .compile();
  return moduleRef.init();
}

/** A store that keeps what it is given and has no bindCatalog: the bus must revive what it returns. */
function catalogBlindStore(): EventStore {
  const inner = new InMemoryEventStore();
  return {
    append: (e, o) => inner.append(e, o),
    appendMany: (e, o) => inner.appendMany(e, o),
    getById: (id) => inner.getById(id),
    find: (f, p) => inner.find(f, p),
    replay: (f, h, o) => inner.replay(f, h, o),
    cleanup: (b, f) => inner.cleanup(b, f),
    removeExpired: (n) => inner.removeExpired(n),
    markDispatched: (ids, at) => inner.markDispatched(ids, at),
    findUndispatched: (o, l) => inner.findUndispatched(o, l),
    close: () => inner.close(),
  };
}

describe('read paths revive payloads through the catalog', () => {
  for (const [name, makeStore] of [
    ['a store bound to the catalog by the module', () => new InMemoryEventStore()],
    ['a store without bindCatalog', catalogBlindStore],
  ] as const) {
    it(`relay and replay hand handlers the payload class, with ${name}`, async () => {
      const store = makeStore();
      const app = await start({ store });
      const seen: { path: string; event: DomainEvent }[] = [];
      let path = 'relay';
      app.get(EventBus).subscribe('shipment.dispatched', (event) => void seen.push({ path, event }));
      // Appended behind the bus's back, as a crashed publisher or a transactional outbox leaves it.
      await store.append(plainShipmentEvent());
      // The relay takes events stored strictly before now - graceMs, so a pass in the same millisecond finds none.
      const relay = app.get(OutboxRelay);
      await waitFor(async () => (await relay.runOnce()).dispatched === 1, { description: 'the relay to dispatch the event' });
      path = 'replay';
      const report = await app.get(EventReplayer).replay();
      assert.equal(report.replayed, 1);
      assert.deepEqual(
        seen.map((s) => s.path),
        ['relay', 'replay'],
      );
      for (const s of seen) assertRevivedShipment(s.event, s.path);
      if (name.startsWith('a store bound')) assertRevivedShipment((await store.find({}, { limit: 1 })).events[0]?.event, 'store.find');
      await app.close();
    });
  }

  it('recentEvents revives what a cache without bindCatalog returns', async () => {
    const kept: DomainEvent[] = [];
    const cache: RecentEventCache = {
      add: async (event) => void kept.push(event),
      recent: async () => [plainShipmentEvent()],
      close: async () => undefined,
    };
    const app = await start({ recentCache: cache });
    const [recent] = await app.get(EventBus).recentEvents('shipment.dispatched');
    assertRevivedShipment(recent, 'recentEvents');
    await app.close();
  });

  it('DeadLetters.list and get revive the events a queue keeps as JSON', async () => {
    const delivery = new InProcessDelivery();
    const app = await start({ delivery });
    const event = plainShipmentEvent();
    const letter = buildDeadLetter({
      event,
      handler: 'Shipping.notify',
      queue: 'in-process',
      error: new Error('smtp down'),
      attempts: 3,
      firstFailedAt: new Date(),
      lastFailedAt: new Date(),
    });
    delivery.deadLetters.add(letter);
    const deadLetters = app.get(DeadLetters);
    assertRevivedShipment((await deadLetters.list()).items[0]?.event, 'DeadLetters.list');
    assertRevivedShipment((await deadLetters.get(letter.id))?.event, 'DeadLetters.get');
    await app.close();
  });
});
