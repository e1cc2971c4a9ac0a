import 'reflect-metadata';
import { Injectable, type INestApplicationContext, type Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { waitFor } from '@webnovel/testing';
import { IsString } from 'class-validator';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defineEvent, eventFactory } from '../catalog/event-definition.js';
import { OnDomainEvent } from '../decorators/on-domain-event.decorator.js';
import { DeadLetters } from '../delivery/dead-letters.service.js';
import { InProcessDelivery } from '../delivery/in-process.delivery.js';
import { EventTransportUnavailableError } from '../errors/event-transport.error.js';
import { InvalidEventsModuleOptionsError } from '../errors/invalid-events-options.error.js';
import { createDomainEvent } from '../event/domain-event.js';
import { EventsModule } from '../events.module.js';
import type { DomainEvent } from '../interfaces/domain-event.interface.js';
import type { EventsModuleOptions } from '../interfaces/events-module-options.interface.js';
import type { TransportMode } from '../interfaces/event-transport.interface.js';
import { EventsHealth } from '../observability/events.health.js';
import { EventsInstrumentation } from '../observability/events-instrumentation.js';
import { InMemoryEventStore } from '../store/in-memory.event-store.js';
import { OutboxRelay } from '../store/outbox.relay.js';
import { ALL_VERSIONS, MemberJoinedV3, v1ToV2, v2ToV3 } from '../testing/member-joined.versions.js';
import { InMemoryBroker } from '../transport/in-memory.broker.js';
import { InMemoryTransport } from '../transport/in-memory.transport.js';
import { EventBus } from './event-bus.js';

// Services in one process, talking through an InMemoryBroker exactly as they would through RabbitMQ: each its own
// queue, bound to its handlers' patterns. What runs where, and how often, is what these tests count.

class OrderPayload {
  @IsString() order_id!: string;
}
class SessionPayload {
  @IsString() user_id!: string;
}
const orderPlaced = defineEvent({ type: 'order.placed', payload: OrderPayload });
const loggedIn = defineEvent({ type: 'user.logged_in', payload: SessionPayload });
const order = eventFactory(orderPlaced);
const login = eventFactory(loggedIn);
const catalog = [orderPlaced, loggedIn, ...ALL_VERSIONS];
const quiet = { log() {}, warn() {}, error() {}, debug() {}, verbose() {} };

/** Every handler run, as `service:handler:event id`. */
type Runs = string[];

function handlersOf(service: string, runs: Runs): Type {
  @Injectable()
  class Handlers {
    @OnDomainEvent('order.placed', { name: `${service}.onOrder` })
    onOrder(event: DomainEvent) {
      runs.push(`${service}:onOrder:${(event.data as OrderPayload).order_id}`);
    }

    @OnDomainEvent('user.logged_in', { name: `${service}.onLogin` })
    onLogin(event: DomainEvent) {
      runs.push(`${service}:onLogin:${(event.data as SessionPayload).user_id}`);
    }

    @OnDomainEvent('member.joined', { name: `${service}.onMember`, mode: 'async' })
    onMember(event: DomainEvent<MemberJoinedV3>) {
      runs.push(`${service}:onMember:v${event.version}:${event.data.display_name}`);
    }
  }
  return Handlers;
}

async function service(
  name: string,
  broker: InMemoryBroker,
  runs: Runs,
  mode: TransportMode,
  extra: Partial<EventsModuleOptions> = {},
): Promise<{ app: INestApplicationContext; bus: EventBus; transport: InMemoryTransport }> {
  const transport = new InMemoryTransport({ broker, redeliveryDelayMs: 5 });
  const moduleRef = await Test.createTestingModule({
    imports: [
      EventsModule.forRoot({
        source: name,
        catalog,
        upcasters: [v1ToV2, v2ToV3],
        logHandlers: false,
        transport: { adapter: transport, mode, localOnly: ['user.logged_in'] },
        ...extra,
      }),
    ],
    providers: [handlersOf(name, runs)],
  })
    .setLogger(quiet)
    .compile();
  const app = await moduleRef.init();
  return { app, bus: app.get(EventBus), transport };
}

const count = (runs: Runs, entry: string) => runs.filter((r) => r === entry).length;

describe('EventBus with a transport', () => {
  it('hybrid: the publisher handles its own event once, in process; another service gets it once through the broker', async () => {
    const broker = new InMemoryBroker();
    const runs: Runs = [];
    const bookstore = await service('bookstore', broker, runs, 'hybrid');
    const finance = await service('finance', broker, runs, 'hybrid');
    const outcomes: string[] = [];
    bookstore.app.get(EventsInstrumentation).observe({ transported: (r) => void outcomes.push(r.outcome) });
    await bookstore.bus.publish(order({ order_id: 'o-1' }));
    // Sync handlers run inside publish in hybrid mode (after the broker confirmed, so finance may be first).
    assert.equal(count(runs, 'bookstore:onOrder:o-1'), 1);
    await waitFor(() => count(runs, 'finance:onOrder:o-1') === 1, { description: 'finance to get the order' });
    // The broker delivered bookstore's own copy back to it; it was acknowledged without running anything.
    await waitFor(() => broker.depth('bookstore').messages === 0, { description: 'bookstore to drain its queue' });
    assert.equal(count(runs, 'bookstore:onOrder:o-1'), 1);
    // Recorded once each: the publish, and the own copy as skipped (never also as consumed).
    await waitFor(() => outcomes.includes('skipped_own'), { description: 'the skip to be recorded' });
    assert.deepEqual(outcomes, ['published', 'skipped_own']);
    await Promise.all([bookstore.app.close(), finance.app.close()]);
  });

  it('remote: the publisher takes its own event from the broker, and two instances share the work', async () => {
    const broker = new InMemoryBroker();
    const runs: Runs = [];
    const a = await service('ledger', broker, runs, 'remote');
    const b = await service('ledger', broker, runs, 'remote');
    const ids = Array.from({ length: 20 }, (_, i) => `o-${i}`);
    for (const id of ids) await a.bus.publish(order({ order_id: id }));
    await waitFor(() => runs.length === ids.length, { description: 'every order to be handled' });
    for (const id of ids) assert.equal(count(runs, `ledger:onOrder:${id}`), 1, `${id} handled once`);
    await Promise.all([a.app.close(), b.app.close()]);
  });

  it('never sends a localOnly type to the broker, in either mode, and still handles it here', async () => {
    for (const mode of ['hybrid', 'remote'] as const) {
      const broker = new InMemoryBroker();
      const runs: Runs = [];
      const users = await service('users', broker, runs, mode);
      const other = await service('audit', broker, runs, mode);
      await users.bus.publish(login({ user_id: 'u-1' }));
      assert.deepEqual(runs, ['users:onLogin:u-1'], mode);
      assert.equal(broker.depth('audit').messages, 0, `${mode}: nothing reached the other service's queue`);
      assert.equal(broker.depth('users').messages, 0, `${mode}: nothing reached its own queue`);
      await Promise.all([users.app.close(), other.app.close()]);
    }
  });

  it('without a store, a publish the broker refuses rejects before any local handler ran; a retry runs it once', async () => {
    const broker = new InMemoryBroker();
    const runs: Runs = [];
    const bookstore = await service('bookstore', broker, runs, 'hybrid');
    const publish = bookstore.transport.publish.bind(bookstore.transport);
    bookstore.transport.publish = () => Promise.reject(new Error('connection closed: ECONNRESET'));
    const event = order({ order_id: 'o-9' });
    await assert.rejects(bookstore.bus.publish(event), (error: unknown) => {
      assert.ok(error instanceof EventTransportUnavailableError);
      assert.equal(error.transport, 'in-memory');
      assert.equal(error.eventId, event.id);
      assert.match(
        error.message,
        /^The in-memory transport could not publish "order\.placed" \(.+\): Error: connection closed: ECONNRESET\./,
      );
      return true;
    });
    assert.deepEqual(runs, []);
    bookstore.transport.publish = publish;
    await bookstore.bus.publish(event);
    assert.deepEqual(runs, ['bookstore:onOrder:o-9']);
    await bookstore.app.close();
  });

  it('with a store, a refused publish resolves; the relay publishes it later without running local handlers again', async () => {
    const broker = new InMemoryBroker();
    const runs: Runs = [];
    const store = new InMemoryEventStore();
    const bookstore = await service('bookstore', broker, runs, 'hybrid', { store, outbox: { enabled: false, graceMs: 0 } });
    const finance = await service('finance', broker, runs, 'hybrid');
    const publish = bookstore.transport.publish.bind(bookstore.transport);
    bookstore.transport.publish = () => Promise.reject(new Error('broker down'));
    const event = order({ order_id: 'o-5' });
    await bookstore.bus.publish(event);
    assert.deepEqual(runs, ['bookstore:onOrder:o-5']);
    assert.equal((await store.getById(event.id))?.dispatchStatus, 'pending');
    // Still down: the pass fails and the event stays pending (polled: a pass in the event's own millisecond skips it).
    await waitFor(
      () =>
        bookstore.app
          .get(OutboxRelay)
          .runOnce()
          .then(
            () => false,
            (error: unknown) => error instanceof EventTransportUnavailableError,
          ),
      { description: 'a relay pass to meet the broker still down' },
    );
    assert.equal((await store.getById(event.id))?.dispatchStatus, 'pending');
    bookstore.transport.publish = publish;
    await waitFor(async () => (await bookstore.app.get(OutboxRelay).runOnce()).dispatched === 1, { description: 'the relay pass' });
    await waitFor(() => count(runs, 'finance:onOrder:o-5') === 1, { description: 'finance to get the relayed order' });
    await waitFor(async () => (await store.getById(event.id))?.dispatchStatus === 'dispatched', { description: 'the mark' });
    assert.equal(count(runs, 'bookstore:onOrder:o-5'), 1);
    await Promise.all([bookstore.app.close(), finance.app.close()]);
  });

  it('retries a failed inbound sync handler through the delivery driver, never by requeueing the message', async () => {
    const broker = new InMemoryBroker();
    let attempts = 0;
    @Injectable()
    class Flaky {
      @OnDomainEvent('order.placed', { name: 'Flaky.onOrder', retry: { maxAttempts: 3, initialDelayMs: 5, jitter: 'none' } })
      onOrder() {
        if (++attempts < 3) throw new Error('ledger busy');
      }
    }
    const runs: Runs = [];
    const bookstore = await service('bookstore', broker, runs, 'hybrid');
    const transport = new InMemoryTransport({ broker });
    const moduleRef = await Test.createTestingModule({
      imports: [EventsModule.forRoot({ source: 'flaky', catalog, logHandlers: false, transport: { adapter: transport } })],
      providers: [Flaky],
    })
      .setLogger(quiet)
      .compile();
    const flaky = await moduleRef.init();
    await bookstore.bus.publish(order({ order_id: 'o-2' }));
    await waitFor(() => attempts === 3, { description: 'the third attempt' });
    assert.equal(broker.depth('flaky').messages, 0);
    assert.equal(broker.depth('flaky').deadLetters, 0);
    await Promise.all([bookstore.app.close(), flaky.close()]);
  });

  it('upcasts a v1 event from an older producer for a handler of the latest version in the consuming service', async () => {
    const broker = new InMemoryBroker();
    const runs: Runs = [];
    const members = await service('members', broker, runs, 'hybrid');
    const older = new InMemoryTransport({ broker });
    // An older producer: its catalog stops at v1, so it publishes v1 straight to the broker.
    await older.start({ service: 'legacy', patterns: [], revive: () => assert.fail(), receive: async () => 'consumed', record() {} });
    await older.publish([createDomainEvent({ type: 'member.joined', version: 1, source: 'legacy', data: { name: 'Lin' } })]);
    await waitFor(() => runs.includes('members:onMember:v3:Lin'), { description: 'the upcast event' });
    await older.close(100);
    await members.app.close();
  });

  it('lists an undecodable message among the dead letters, and pings and counts the broker', async () => {
    const broker = new InMemoryBroker();
    const runs: Runs = [];
    const finance = await service('finance', broker, runs, 'hybrid');
    broker.send('finance', { body: '{"not": "an envelope"', type: 'invalid' });
    const deadLetters = finance.app.get(DeadLetters);
    await waitFor(async () => (await deadLetters.list()).total === 1, { description: 'the dead letter' });
    const [letter] = (await deadLetters.list()).items;
    assert.equal(letter?.handler, 'in-memory.finance');
    assert.match(letter?.error.message ?? '', /could not be decoded/);
    assert.ok((await deadLetters.counts()).some((c) => c.queue === 'finance' && c.dead === 1));
    assert.equal(await deadLetters.remove(letter!.id), true);
    assert.equal((await deadLetters.list()).total, 0);
    assert.equal((await finance.app.get(EventsHealth).checkTransport()).status, 'up');
    await finance.app.close();
  });

  it('fails bootstrap when the broker cannot be reached, and closes the delivery driver it had started', async () => {
    const transport = new InMemoryTransport({ broker: new InMemoryBroker() });
    transport.start = () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5672'));
    const delivery = new InProcessDelivery();
    let closed = 0;
    const close = delivery.close.bind(delivery);
    delivery.close = (timeoutMs) => {
      closed++;
      return close(timeoutMs);
    };
    const moduleRef = await Test.createTestingModule({
      imports: [EventsModule.forRoot({ source: 'orphan', catalog, logHandlers: false, delivery, transport: { adapter: transport } })],
    })
      .setLogger(quiet)
      .compile();
    await assert.rejects(moduleRef.init(), /ECONNREFUSED/);
    assert.equal(closed, 1);
  });

  it('rejects bad transport options, naming each field', async () => {
    const compile = (transport: unknown) =>
      Test.createTestingModule({ imports: [EventsModule.forRoot({ transport } as EventsModuleOptions)] })
        .setLogger(quiet)
        .compile();
    await assert.rejects(compile({ adapter: {}, mode: 'both', localOnly: ['User.*'], localonly: [] }), (error: unknown) => {
      assert.ok(error instanceof InvalidEventsModuleOptionsError);
      assert.deepEqual(error.problems, [
        'transport.localonly is not a transport option (did you mean "localOnly"?)',
        'transport.adapter must implement EventTransport (name, start, publish, close), such as new RabbitMqTransport(...)',
        "transport.mode must be 'remote' or 'hybrid' (got \"both\")",
        'transport.localOnly[0]: "User.*" is not a valid event pattern. Use an exact type ("book.purchased"), "*" in place of one segment ("user.*"), or "*" alone for every event.',
      ]);
      return true;
    });
  });
});
