import { deferred, waitFor, withTimeout } from '@webnovel/testing';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { DELIVERY_PAIR_ID_PATTERN } from '../delivery/delivery-pair.js';
import { EventTransportUnavailableError } from '../errors/event-transport.error.js';
import { createDomainEvent } from '../event/domain-event.js';
import { deserializeEvent } from '../event/event.serializer.js';
import type { DomainEvent } from '../interfaces/domain-event.interface.js';
import type { EventTransport } from '../interfaces/event-transport.interface.js';
import { TestTransportHost } from './transport-host.double.js';

/** One isolated world per test: the transports it creates share one broker (a vhost, a name prefix) and nothing else. */
export interface TransportWorld {
  /**
   * A new, unstarted transport: one instance of an application. The suite starts and closes it. It must back off at
   * least 25 ms before handing a refused message back to the broker, and at most a second for the first few tries.
   */
  create(): EventTransport | Promise<EventTransport>;
  /** Puts a raw body straight onto the queue of `service`, as a broken producer would. */
  inject(service: string, body: string): Promise<void>;
  /** Called after every transport of the world closed. */
  dispose?(): Promise<void>;
}

/** What the suite needs from an adapter: a fresh world per test. */
export interface TransportHarness {
  world(): TransportWorld | Promise<TransportWorld>;
}

const json = (e: DomainEvent) => JSON.parse(JSON.stringify(e)) as unknown;
const event = (type: string, n = 0) => createDomainEvent({ type, data: { n }, source: 'conformance' });
const WAIT = { timeoutMs: 10_000 };
const page = { limit: 50, offset: 0 };

/**
 * The behavioural suite every `EventTransport` passes: revival, fan-out across services, competing consumers,
 * pattern bindings, redelivery without a hot loop, undecodable messages and the dead-letter operations, and shutdown.
 */
export function describeTransportConformance(name: string, harness: TransportHarness): void {
  describe(`${name} transport conformance`, { timeout: 60_000 }, () => {
    let world: TransportWorld;
    let open: EventTransport[] = [];
    afterEach(async () => {
      for (const transport of open.splice(0)) await transport.close(1_000);
      await world?.dispose?.();
    });

    async function begin(): Promise<void> {
      world = await harness.world();
      open = [];
    }

    async function start(host: TestTransportHost): Promise<EventTransport> {
      const transport = await world.create();
      open.push(transport);
      await transport.start(host);
      return transport;
    }

    it('resolves publish once accepted, and delivers the event revived and equal', async () => {
      await begin();
      const host = new TestTransportHost('svc-a', ['user.registered']);
      const transport = await start(host);
      const sent = createDomainEvent({
        type: 'user.registered',
        version: 2,
        data: { user_id: 'u1', tags: ['a', 'b'], nested: { at: '2024-01-02T03:04:05.000Z' } },
        source: 'svc-b',
        correlationId: 'corr-1',
        causationId: 'cause-1',
        metadata: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', tenant: 't-1' },
      });
      await transport.publish([sent]);
      assert.equal(host.outcomes('published').length, 1);
      await waitFor(() => host.received.length === 1, WAIT);
      const got = host.received[0]!;
      assert.ok(got.occurredAt instanceof Date);
      assert.equal(got.occurredAt.getTime(), sent.occurredAt.getTime());
      assert.equal(got.id, sent.id);
      assert.equal(got.correlationId, 'corr-1');
      assert.equal(got.causationId, 'cause-1');
      assert.equal(got.metadata.traceparent, sent.metadata.traceparent);
      assert.deepEqual(json(got), json(sent));
      await waitFor(() => host.outcomes('consumed').length === 1, WAIT);
      assert.equal(host.outcomes('consumed')[0]!.type, 'user.registered');
    });

    it('gives every service bound to a type each event, in order', async () => {
      await begin();
      const a = new TestTransportHost('svc-a', ['book.purchased']);
      const b = new TestTransportHost('svc-b', ['book.purchased']);
      const publisher = await start(a);
      await start(b);
      const events = Array.from({ length: 10 }, (_, i) => event('book.purchased', i));
      await publisher.publish(events);
      await waitFor(() => a.received.length === 10 && b.received.length === 10, WAIT);
      assert.deepEqual(
        a.receivedIds(),
        events.map((e) => e.id),
      );
      assert.deepEqual(
        b.receivedIds(),
        events.map((e) => e.id),
      );
    });

    it('shares one service’s events between its instances, each handled once', async () => {
      await begin();
      const first = new TestTransportHost('svc-a', ['book.purchased']);
      const second = new TestTransportHost('svc-a', ['book.purchased']);
      const secondGotOne = deferred();
      // The first instance holds its first message until the second got one, so the split cannot be all-or-nothing.
      first.onReceive = (_, call) =>
        call === 1 ? withTimeout(secondGotOne.promise, 5_000, 'the second instance').catch(() => undefined) : undefined;
      second.onReceive = () => secondGotOne.resolve();
      const publisher = await start(first);
      await start(second);
      const events = Array.from({ length: 20 }, (_, i) => event('book.purchased', i));
      await publisher.publish(events);
      await waitFor(() => first.received.length + second.received.length === 20, WAIT);
      const all = [...first.receivedIds(), ...second.receivedIds()];
      assert.equal(new Set(all).size, 20);
      assert.deepEqual([...all].sort(), events.map((e) => e.id).sort());
      assert.ok(first.received.length > 0 && second.received.length > 0, `${first.received.length} / ${second.received.length}`);
    });

    it('binds patterns: `user.*` is one segment, `*` is every event', async () => {
      await begin();
      const users = new TestTransportHost('svc-users', ['user.*']);
      const everything = new TestTransportHost('svc-all', ['*']);
      const publisher = await start(users);
      await start(everything);
      const types = ['book.purchased', 'user.profile.updated', 'user.registered', 'user.deleted'];
      await publisher.publish(types.map((t) => event(t)));
      // Queues are FIFO: once the last matching event arrived, a wrongly routed earlier one would have too.
      await waitFor(() => users.received.some((e) => e.type === 'user.deleted'), WAIT);
      await waitFor(() => everything.received.length === 4, WAIT);
      assert.deepEqual(
        users.received.map((e) => e.type),
        ['user.registered', 'user.deleted'],
      );
      assert.deepEqual(
        everything.received.map((e) => e.type),
        types,
      );
    });

    it('delivers a refused message again later, backing off instead of looping', async () => {
      await begin();
      const host = new TestTransportHost('svc-a', ['book.purchased']);
      host.onReceive = (_, call) => {
        if (call <= 3) throw new Error('delivery driver down');
      };
      const transport = await start(host);
      const sent = event('book.purchased');
      await transport.publish([sent]);
      await waitFor(() => host.received.length === 1, WAIT);
      assert.equal(host.calls.length, 4);
      assert.ok(host.calls.every((c) => c.event.id === sent.id));
      const gaps = host.calls.slice(1).map((c, i) => c.at - host.calls[i]!.at);
      assert.ok(
        gaps.every((gap) => gap >= 20),
        `gaps between deliveries ${gaps.map((g) => g.toFixed(1)).join(', ')} ms`,
      );
      assert.equal(host.outcomes('consume_failed').length, 3);
      await waitFor(() => host.outcomes('consumed').length === 1, WAIT);
      assert.deepEqual(await transport.deadLetters?.ids({}), transport.deadLetters ? [] : undefined);
    });

    it('moves an undecodable message to the dead letters with the reason, and keeps consuming', async () => {
      await begin();
      const host = new TestTransportHost('svc-a', ['book.purchased']);
      const transport = await start(host);
      assert.ok(transport.deadLetters, 'a transport keeps undecodable messages as dead letters');
      await world.inject('svc-a', '{"not an envelope');
      const after = event('book.purchased');
      await transport.publish([after]);
      await waitFor(() => host.received.length === 1, WAIT);
      assert.equal(host.received[0]!.id, after.id);
      const [id] = await waitFor(async () => {
        const ids = await transport.deadLetters!.ids({});
        return ids.length === 1 ? ids : undefined;
      }, WAIT);
      assert.match(id!, DELIVERY_PAIR_ID_PATTERN);
      const letter = await transport.deadLetters.get(id!);
      assert.ok(letter);
      assert.equal(letter.id, id);
      assert.equal(letter.event.data, '{"not an envelope');
      assert.ok(letter.error.message.length > 0);
      assert.ok(letter.queue.length > 0);
      assert.ok(letter.handler.length > 0);
      assert.ok(!Number.isNaN(Date.parse(letter.deadLetteredAt)));
      assert.equal(host.calls.length, 1, 'the undecodable message never reached receive');
      await waitFor(() => host.outcomes('dead_lettered').length === 1, WAIT);
      assert.equal(host.outcomes('dead_lettered')[0]!.type, 'invalid');
    });

    it('lists, gets, reprocesses and removes dead letters', async () => {
      await begin();
      const host = new TestTransportHost('svc-a', ['member.joined']);
      // This deploy does not know member.joined v2 yet.
      host.reviver = (input) => {
        const e = deserializeEvent(input);
        if (e.version === 2) throw new Error('member.joined v2 is not in this catalog');
        return e;
      };
      const transport = await start(host);
      const dead = transport.deadLetters!;
      const newer = createDomainEvent({ type: 'member.joined', version: 2, data: { member_id: 'm1' } });
      await transport.publish([newer]);
      await world.inject('svc-a', 'garbage');
      const ids = await waitFor(async () => {
        const found = await dead.ids({});
        return found.length === 2 ? found : undefined;
      }, WAIT);
      const listed = await dead.list({}, page);
      assert.equal(listed.total, 2);
      assert.deepEqual(
        listed.items.map((l) => l.id),
        ids,
      );
      const joined = await dead.list({ eventType: 'member.joined' }, page);
      assert.equal(joined.total, 1);
      const letter = joined.items[0]!;
      assert.equal(letter.event.id, newer.id);
      assert.equal(letter.event.version, 2);
      assert.deepEqual(await dead.get(letter.id), letter);
      assert.equal((await dead.list({}, { limit: 1, offset: 1 })).items.length, 1);
      const garbageId = ids.find((id) => id !== letter.id)!;

      host.reviver = undefined; // the deploy that learned v2
      assert.equal(await dead.reprocess(letter.id), true);
      await waitFor(() => host.received.some((e) => e.id === newer.id), WAIT);
      assert.deepEqual(json(host.received.find((e) => e.id === newer.id)!), json(newer));
      assert.deepEqual(await dead.ids({}), [garbageId]);
      assert.equal(await dead.remove(garbageId), true);
      assert.deepEqual(await dead.ids({}), []);
      assert.equal(await dead.remove(garbageId), false);
      assert.equal(await dead.reprocess(garbageId), false);
      assert.equal(await dead.get(garbageId), undefined);
    });

    it('stops consuming on close, idempotently, and rejects a publish afterwards with a typed error', async () => {
      await begin();
      const closing = new TestTransportHost('svc-a', ['book.purchased']);
      const staying = new TestTransportHost('svc-a', ['book.purchased']);
      const first = await start(closing);
      const second = await start(staying);
      await first.close(1_000);
      await first.close(1_000);
      const events = Array.from({ length: 5 }, (_, i) => event('book.purchased', i));
      await second.publish(events);
      await waitFor(() => staying.received.length === 5, WAIT);
      assert.equal(closing.calls.length, 0);
      await assert.rejects(first.publish([event('book.purchased')]), (error: unknown) => {
        assert.ok(error instanceof EventTransportUnavailableError);
        assert.equal(error.transport, first.name);
        assert.equal(error.eventType, 'book.purchased');
        return true;
      });
    });

    it('finishes and acknowledges the in-flight message on close', async () => {
      await begin();
      const host = new TestTransportHost('svc-a', ['book.purchased']);
      const gate = deferred();
      host.onReceive = () => gate.promise;
      const transport = await start(host);
      const inFlight = event('book.purchased');
      await transport.publish([inFlight]);
      await waitFor(() => host.calls.length === 1, WAIT);
      let closed = false;
      const closing = transport.close(5_000).then(() => (closed = true));
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(closed, false, 'close waits for the message being handed over');
      gate.resolve();
      await closing;
      assert.deepEqual(host.receivedIds(), [inFlight.id]);
      // Had it not been acknowledged, the next instance would get it before the sentinel.
      const next = new TestTransportHost('svc-a', ['book.purchased']);
      const successor = await start(next);
      const sentinel = event('book.purchased', 1);
      await successor.publish([sentinel]);
      await waitFor(() => next.received.length === 1, WAIT);
      assert.deepEqual(next.receivedIds(), [sentinel.id]);
    });

    it('answers ping, and reports queue depths', async () => {
      await begin();
      const host = new TestTransportHost('svc-a', ['book.purchased']);
      const transport = await start(host);
      await transport.ping?.();
      const depths = await transport.depths?.();
      if (depths !== undefined) {
        assert.ok(depths.length >= 1);
        for (const depth of depths) {
          assert.equal(typeof depth.queue, 'string');
          assert.ok(Number.isInteger(depth.messages) && depth.messages >= 0);
          assert.ok(Number.isInteger(depth.consumers) && depth.consumers >= 0);
        }
        assert.ok(
          depths.some((d) => d.consumers >= 1),
          JSON.stringify(depths),
        );
      }
    });
  });
}
