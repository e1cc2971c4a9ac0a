import 'reflect-metadata';
import { Injectable, type Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { RecordingLogger, waitFor } from '@webnovel/testing';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EventBus } from '../bus/event-bus.js';
import { eventFactory } from '../catalog/event-definition.js';
import { OnDomainEvent } from '../decorators/on-domain-event.decorator.js';
import { DeadLetters } from '../delivery/dead-letters.service.js';
import { EventValidationError } from '../errors/event-validation.error.js';
import { InvalidHandlerOptionsError } from '../errors/handler-registration.error.js';
import { HandlersFailedError } from '../errors/handlers-failed.error.js';
import { UnknownEventVersionError } from '../errors/unknown-event-type.error.js';
import { EventVersioningError, UpcastFailedError } from '../errors/versioning.error.js';
import { EventsModule } from '../events.module.js';
import type { DomainEvent } from '../interfaces/domain-event.interface.js';
import type { EventsModuleOptions } from '../interfaces/events-module-options.interface.js';
import { EventReplayer } from '../store/event-replayer.js';
import { InMemoryEventStore } from '../store/in-memory.event-store.js';
import { OutboxRelay } from '../store/outbox.relay.js';
import { defineUpcaster } from './upcaster.definition.js';
import {
  ALL_VERSIONS,
  MemberJoinedV2,
  MemberJoinedV3,
  memberJoinedV1,
  memberJoinedV2,
  memberJoinedV3,
  v1ToV2,
  v2ToV3,
} from '../testing/member-joined.versions.js';

const joinedV1 = eventFactory(memberJoinedV1);
const joinedV2 = eventFactory(memberJoinedV2);
const joinedV3 = eventFactory(memberJoinedV3);

async function start(options: EventsModuleOptions, providers: Type[] = []) {
  const moduleRef = await Test.createTestingModule({ imports: [EventsModule.forRoot({ logHandlers: false, ...options })], providers })
    .setLogger(new RecordingLogger())
    .compile();
  const app = await moduleRef.init();
  return { app, bus: app.get(EventBus) };
}

/** Boots and returns the bootstrap error, or fails when there is none. */
async function bootstrapError(options: EventsModuleOptions, providers: Type[] = []): Promise<EventVersioningError> {
  try {
    const { app } = await start(options, providers);
    await app.close();
  } catch (error) {
    assert.ok(error instanceof EventVersioningError, `expected EventVersioningError, got ${String(error)}`);
    return error;
  }
  assert.fail('bootstrap should have failed');
}

describe('event versioning', () => {
  it('upcasts a v1 event along the chain 1→2→3 for a handler of the latest version, and as far as a pinned one asks', async () => {
    const { app, bus } = await start({ catalog: ALL_VERSIONS, upcasters: [v1ToV2, v2ToV3] });
    const latest: DomainEvent[] = [];
    const pinned: DomainEvent[] = [];
    bus.subscribe('member.joined', (e) => void latest.push(e), { name: 'Latest.handler' });
    bus.subscribe('member.*', (e) => void latest.push(e), { name: 'Wildcard.handler' });
    const v1 = joinedV1({ name: 'Lin' });
    await bus.publish(v1);
    assert.deepEqual(
      latest.map((e) => [e.id, e.version, { ...(e.data as object) }]),
      [
        [v1.id, 3, { display_name: 'Lin', tier: 'free' }],
        [v1.id, 3, { display_name: 'Lin', tier: 'free' }],
      ],
    );
    assert.ok(latest[0]!.data instanceof MemberJoinedV3, 'the payload is an instance of the version it was upcast to');
    assert.equal(latest[0], latest[1], 'upcast once per event and version, not once per handler');
    assert.ok(Object.isFrozen(latest[0]) && Object.isFrozen(latest[0]!.data));
    assert.equal(latest[0]!.correlationId, v1.correlationId);

    const v3 = joinedV3({ display_name: 'Mo', tier: 'gold' });
    latest.length = 0;
    await bus.publish(v3);
    assert.equal(latest[0]!.data, v3.data, 'an event already at the version a handler takes reaches it as it is');
    await app.close();

    // A handler may take an older version while no newer one is registered.
    const older = await start({ catalog: [memberJoinedV1, memberJoinedV2], upcasters: [v1ToV2] });
    older.bus.subscribe('member.joined', (e) => void pinned.push(e), { name: 'Pinned.handler', version: 2 });
    await older.bus.publish(joinedV1({ name: 'Ada' }));
    assert.deepEqual(
      pinned.map((e) => [e.version, e.data instanceof MemberJoinedV2]),
      [[2, true]],
    );
    await older.app.close();
  });

  it('hands an upcaster that reads the envelope the event at its own step', async () => {
    const seen: [number, unknown][] = [];
    const reading = defineUpcaster(memberJoinedV2, memberJoinedV3, (data, event) => {
      seen.push([event.version, { ...event.data }]);
      return { display_name: data.name, tier: data.tier };
    });
    const { app, bus } = await start({ catalog: ALL_VERSIONS, upcasters: [v1ToV2, reading] });
    bus.subscribe('member.joined', () => undefined);
    await bus.publish(joinedV1({ name: 'Lin' }));
    assert.deepEqual(seen, [[2, { name: 'Lin', tier: 'free' }]]);
    await app.close();
  });

  it('fails bootstrap naming the type and versions when a link of the chain is missing', async () => {
    @Injectable()
    class Handlers {
      @OnDomainEvent('member.joined')
      onJoined() {}
    }
    const error = await bootstrapError({ catalog: ALL_VERSIONS, upcasters: [v2ToV3] }, [Handlers]);
    assert.deepEqual(error.problems, ['"member.joined" v1 cannot reach v3 (taken by Handlers.onJoined): no upcaster from v1 to v2']);
    assert.match(
      error.message,
      /^Some event versions cannot reach the version their handlers take \(1 problem\)\. Register the missing upcasters/,
    );
    assert.match(error.message, /\n {2}- "member\.joined" v1 cannot reach v3/);
  });

  it('fails bootstrap when a handler takes an older version than one registered: events are never downcast', async () => {
    @Injectable()
    class Legacy {
      @OnDomainEvent('member.joined', { version: 1 })
      onJoined() {}
    }
    const error = await bootstrapError({ catalog: ALL_VERSIONS, upcasters: [v1ToV2, v2ToV3] }, [Legacy]);
    assert.deepEqual(error.problems, [
      'Legacy.onJoined takes "member.joined" v1, but v2 is registered and events are never downcast; let it take v2',
      'Legacy.onJoined takes "member.joined" v1, but v3 is registered and events are never downcast; let it take v3',
    ]);
  });

  it('checks subscribe() the same way, and a version only goes with one exact type', async () => {
    const { app, bus } = await start({ catalog: ALL_VERSIONS, upcasters: [v2ToV3] });
    assert.throws(() => bus.subscribe('member.joined', () => undefined, { name: 'Late.handler' }), EventVersioningError);
    assert.throws(
      () => bus.subscribe('member.*', () => undefined, { version: 3 }),
      (error: unknown) =>
        error instanceof InvalidHandlerOptionsError &&
        error.message.includes('version needs exactly one event type without wildcards (got ["member.*"])'),
    );
    assert.throws(
      () => bus.subscribe('member.joined', () => undefined, { version: 0 }),
      (error: unknown) =>
        error instanceof InvalidHandlerOptionsError && error.message.includes('version must be an integer of at least 1 (got 0)'),
    );
    await app.close();
  });

  it("validates a publish against its own version's class, and names the known versions of an unregistered one", async () => {
    const { app, bus } = await start({ catalog: ALL_VERSIONS, upcasters: [v1ToV2, v2ToV3] });
    await assert.rejects(bus.publish(joinedV1({ name: 'L' })), (error: unknown) => {
      assert.ok(error instanceof EventValidationError);
      assert.equal(error.eventVersion, 1);
      assert.deepEqual(
        error.violations.map((v) => v.path),
        ['data.name'],
      );
      return true;
    });
    await assert.rejects(bus.publish(joinedV2({ name: 'Lin', tier: 'platinum' })), (error: unknown) => {
      assert.ok(error instanceof EventValidationError);
      assert.equal(error.eventVersion, 2, "v2's rules, which v1 does not have");
      return true;
    });
    await assert.rejects(bus.publish({ ...joinedV1({ name: 'Lin' }), version: 4 }), (error: unknown) => {
      assert.ok(error instanceof UnknownEventVersionError);
      assert.match(error.message, /"member\.joined" v4 is not registered; the catalog knows versions 1, 2, 3/);
      return true;
    });
    await app.close();
  });

  it('replays a v1 event stored before v2 existed into a v2 handler as v2, and never rewrites the stored event', async () => {
    const store = new InMemoryEventStore();
    const before = await start({ catalog: [memberJoinedV1], store });
    const stored = joinedV1({ name: 'Lin' });
    await before.bus.publish(stored);
    await before.app.close();

    const received: DomainEvent[] = [];
    const after = await start({ catalog: [memberJoinedV1, memberJoinedV2], upcasters: [v1ToV2], store, outbox: { enabled: false } });
    after.bus.subscribe('member.joined', (e) => void received.push(e), { name: 'Stats.count' });
    const report = await after.app.get(EventReplayer).replay({ handlers: ['Stats.count'] });
    assert.equal(report.failed, 0);
    assert.deepEqual(
      received.map((e) => [e.id, e.version, { ...(e.data as object) }]),
      [[stored.id, 2, { name: 'Lin', tier: 'free' }]],
    );
    assert.equal((await store.getById(stored.id))?.event.version, 1, 'the stored event keeps its version');
    await after.app.close();
  });

  it('upcasts events the outbox relay re-dispatches', async () => {
    const store = new InMemoryEventStore();
    const pending = joinedV1({ name: 'Lin' });
    await store.append(pending);
    const received: DomainEvent[] = [];
    const { app, bus } = await start({
      catalog: [memberJoinedV1, memberJoinedV2],
      upcasters: [v1ToV2],
      store,
      outbox: { enabled: false, graceMs: 0 },
    });
    bus.subscribe('member.joined', (e) => void received.push(e));
    await app.get(OutboxRelay).runOnce();
    assert.deepEqual(
      received.map((e) => [e.id, e.version]),
      [[pending.id, 2]],
    );
    await app.close();
  });

  it('fails the handler, not the others, when an upcast result breaks the newer rules; an async run goes straight to the dead letters', async () => {
    const broken = defineUpcaster(memberJoinedV1, memberJoinedV2, (v1) => ({ ...v1, tier: 'unknown' }));
    const { app, bus } = await start({
      catalog: [memberJoinedV1, memberJoinedV2],
      upcasters: [broken],
      retry: { maxAttempts: 5, initialDelayMs: 1 },
    });
    const ran: string[] = [];
    bus.subscribe('member.joined', () => void ran.push('sync v2'), { name: 'Sync.v2' });
    bus.subscribe('member.joined', () => void ran.push('async v2'), { name: 'Async.v2', mode: 'async' });
    await assert.rejects(bus.publish(joinedV1({ name: 'Lin' })), (error: unknown) => {
      assert.ok(error instanceof HandlersFailedError);
      const cause = error.failures[0]!.error;
      assert.ok(cause instanceof UpcastFailedError);
      assert.match(
        cause.message,
        /^Upcasting "member\.joined" from v1 to v2 failed; the result does not satisfy v2's payload class:\n {2}- data\.tier: /,
      );
      return true;
    });
    const deadLetters = app.get(DeadLetters);
    await waitFor(async () => (await deadLetters.list()).total === 1, { description: 'the async run dead-lettered' });
    const [letter] = (await deadLetters.list()).items;
    assert.equal(letter!.attempts, 1, 'not retried: no retry can fix an upcaster');
    assert.equal(letter!.error.name, 'UpcastFailedError');
    assert.equal(letter!.event.version, 1, 'the dead letter keeps the event as it was published');
    assert.deepEqual(ran, []);
    await app.close();
  });

  it('rejects upcasters the catalog cannot place, naming each', async () => {
    const twice = defineUpcaster(memberJoinedV1, memberJoinedV2, (v1) => ({ ...v1, tier: 'gold' }));
    await assert.rejects(
      start({ catalog: [memberJoinedV1, memberJoinedV2], upcasters: [v1ToV2, twice, v2ToV3, { type: 'x.y' } as never] }),
      (error: unknown) => {
        assert.deepEqual((error as { problems: string[] }).problems, [
          'upcasters[1]: "member.joined" v1→v2 is given twice; keep one upcaster per step',
          'upcasters[2]: "member.joined" v2→v3 joins v3, which the catalog does not register',
          'upcasters[3] must be an upcaster made with defineUpcaster',
        ]);
        return true;
      },
    );
  });
});
