import 'reflect-metadata';
import { Inject, Injectable, Module, type OnModuleInit, type Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { deferred, waitFor } from '@webnovel/testing';
import { IsInt, IsString, Min } from 'class-validator';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstValueFrom } from 'rxjs';
import { defineEvent, eventFactory } from '../catalog/event-definition.js';
import { OnDomainEvent } from '../decorators/on-domain-event.decorator.js';
import { EventBusClosedError } from '../errors/event-bus-closed.error.js';
import { EventValidationError } from '../errors/event-validation.error.js';
import { InvalidHandlerOptionsError } from '../errors/handler-registration.error.js';
import { HandlersFailedError } from '../errors/handlers-failed.error.js';
import { InvalidEventEnvelopeError } from '../errors/invalid-event-envelope.error.js';
import { UnknownEventTypeError, UnknownEventVersionError } from '../errors/unknown-event-type.error.js';
import { createDomainEvent } from '../event/domain-event.js';
import { EventsModule } from '../events.module.js';
import type { DomainEvent } from '../interfaces/domain-event.interface.js';
import type { EventsModuleOptions } from '../interfaces/events-module-options.interface.js';
import { EventBus } from './event-bus.js';

class PurchasePayload {
  @IsString() user_id: string;
  @IsInt() @Min(0) amount: number;
}
const Purchase = defineEvent({ type: 'book.purchased', payload: PurchasePayload, domain: 'bookstore' });
const purchase = eventFactory(Purchase);
const plain = (type: string, data: unknown = {}) => createDomainEvent({ type, data });

const errors: { message: unknown; stack?: string }[] = [];
const logger = {
  log() {},
  warn() {},
  debug() {},
  verbose() {},
  error: (message: unknown, stack?: string) => void errors.push({ message, stack }),
};

async function start(providers: Type[], options: EventsModuleOptions = { unknownEvents: 'allow' }) {
  const moduleRef = await Test.createTestingModule({ imports: [EventsModule.forRoot(options)], providers })
    .setLogger(logger)
    .compile();
  const app = await moduleRef.init();
  return { app, bus: app.get(EventBus) };
}

describe('EventBus.publish', () => {
  it('isolates handlers and names every failed one with its cause', async () => {
    const ran: string[] = [];
    @Injectable()
    class Handlers {
      @OnDomainEvent('a.b')
      throwsSync() {
        throw new RangeError('sync boom');
      }
      @OnDomainEvent('a.b')
      async rejects() {
        throw new TypeError('async boom');
      }
      @OnDomainEvent('a.b')
      fine() {
        ran.push('fine');
      }
      @OnDomainEvent('a.b')
      async fineLater() {
        await Promise.resolve();
        ran.push('fineLater');
      }
    }
    const { app, bus } = await start([Handlers]);
    const event = plain('a.b');
    await assert.rejects(bus.publish(event), (error: unknown) => {
      assert.ok(error instanceof HandlersFailedError);
      assert.equal(error.name, 'HandlersFailedError');
      assert.deepEqual(
        error.failures.map((f) => [f.handler, (f.error as Error).message, f.event.id]),
        [
          ['Handlers.throwsSync', 'sync boom', event.id],
          ['Handlers.rejects', 'async boom', event.id],
        ],
      );
      assert.match(error.message, /2 event handlers failed:/);
      assert.match(error.message, /Handlers\.throwsSync on "a\.b": RangeError: sync boom/);
      assert.match(error.message, /Handlers\.rejects on "a\.b": TypeError: async boom/);
      return true;
    });
    assert.deepEqual(ran.sort(), ['fine', 'fineLater']);
    await app.close();
  });

  it('runs async handlers off the publisher path; their failure is logged with the stack and emitted, never thrown', async () => {
    const release = deferred();
    let asyncRan = false;
    @Injectable()
    class Handlers {
      @OnDomainEvent('a.b', { mode: 'async' })
      async slow() {
        await release.promise;
        asyncRan = true;
      }
      @OnDomainEvent('a.b', { mode: 'async', name: 'failing-async', retry: { maxAttempts: 1 } })
      failing() {
        throw new Error('async handler exploded');
      }
    }
    const { app, bus } = await start([Handlers]);
    errors.length = 0;
    const failure = firstValueFrom(bus.unhandledErrors$);
    const event = plain('a.b');
    await bus.publish(event);
    assert.equal(asyncRan, false, 'publish must not wait for async handlers');
    const reported = await failure;
    assert.equal(reported.handler, 'failing-async');
    assert.equal(reported.event.id, event.id);
    assert.equal(reported.attempt, 1);
    assert.equal((reported.error as Error).message, 'async handler exploded');
    const logged = errors.find((e) => (e.message as { handler?: string }).handler === 'failing-async');
    assert.ok(logged, 'the failure is logged');
    const line = logged.message as Record<string, unknown>;
    assert.equal(line.msg, 'event handler dead-lettered');
    assert.equal(line.event_id, event.id);
    assert.equal(line.event_type, 'a.b');
    assert.equal(line.attempt, 1);
    assert.equal(line.outcome, 'dead_lettered');
    assert.equal(line.correlation_id, event.correlationId);
    assert.match((line.error as { stack: string }).stack, /async handler exploded\n\s+at /);
    release.resolve();
    await waitFor(() => asyncRan, { description: 'the slow async handler' });
    await app.close();
  });

  it('drains in-flight async handlers on shutdown, then refuses to publish', async () => {
    const started = deferred();
    const release = deferred();
    let finished = false;
    @Injectable()
    class Slow {
      @OnDomainEvent('a.b', { mode: 'async' })
      async run() {
        started.resolve();
        await release.promise;
        finished = true;
      }
    }
    const { app, bus } = await start([Slow]);
    await bus.publish(plain('a.b'));
    await started.promise;
    const closing = app.close();
    setImmediate(() => release.resolve());
    await closing;
    assert.equal(finished, true);
    await assert.rejects(
      bus.publish(plain('a.b')),
      (error: unknown) => error instanceof EventBusClosedError && /has shut down/.test(error.message),
    );
  });

  it('does not lose an event published before bootstrap finishes', async () => {
    const received: string[] = [];
    @Injectable()
    class Listener {
      @OnDomainEvent('app.started')
      on(event: DomainEvent) {
        received.push(event.type);
      }
    }
    @Injectable()
    class EarlyPublisher implements OnModuleInit {
      readonly early: Promise<void>;
      constructor(@Inject(EventBus) private readonly bus: EventBus) {
        // Published from a constructor: handlers are not discovered yet.
        this.early = bus.publish(createDomainEvent({ type: 'app.early', data: {} }));
        bus.subscribe('app.early', (e) => void received.push(e.type));
      }
      async onModuleInit() {
        await this.bus.publish(createDomainEvent({ type: 'app.started', data: {} }));
      }
    }
    @Module({ providers: [EarlyPublisher, Listener] })
    class FeatureModule {}
    const moduleRef = await Test.createTestingModule({ imports: [EventsModule.forRoot({ unknownEvents: 'allow' }), FeatureModule] })
      .setLogger(logger)
      .compile();
    const app = await moduleRef.init();
    await app.get(EarlyPublisher).early;
    assert.deepEqual(received, ['app.early', 'app.started']);
    await app.close();
  });

  it('stamps the configured source on events that have none, and keeps an explicit one', async () => {
    const sources: string[] = [];
    const { app, bus } = await start([], { unknownEvents: 'allow', source: 'user-service' });
    bus.subscribe('*', (e) => void sources.push(e.source));
    await bus.publish(plain('a.b'));
    await bus.publish(createDomainEvent({ type: 'a.b', data: {}, source: 'other' }));
    assert.deepEqual(sources, ['user-service', 'other']);
    await app.close();
  });

  it('subscribes and unsubscribes at runtime, validating the pattern', async () => {
    const { app, bus } = await start([]);
    const seen: string[] = [];
    const off = bus.subscribe(['user.*', 'book.purchased'], (e, context) => void seen.push(`${context.handler}:${e.type}`), {
      name: 'probe',
    });
    await bus.publish(plain('user.registered'));
    await bus.publish(plain('book.purchased'));
    await bus.publish(plain('book.refunded'));
    off();
    await bus.publish(plain('user.deleted'));
    assert.deepEqual(seen, ['probe:user.registered', 'probe:book.purchased']);
    assert.throws(
      () => bus.subscribe('User.*', () => {}),
      (e: unknown) => e instanceof InvalidHandlerOptionsError && /"User\.\*" is not a valid event pattern/.test(e.message),
    );
    assert.throws(() => bus.subscribe('a.b', 'nope' as never), /handler must be a function/);
    await app.close();
  });
});

describe('EventBus validation', () => {
  const catalogOptions: EventsModuleOptions = { catalog: [Purchase] };

  it('rejects an invalid payload naming each field and constraint, and dispatches nothing', async () => {
    const { app, bus } = await start([], catalogOptions);
    let calls = 0;
    bus.subscribe('*', () => void calls++);
    const event = createDomainEvent({ type: 'book.purchased', data: { user_id: 42, amount: 19.99, extra: true } });
    await assert.rejects(bus.publish(event), (error: unknown) => {
      assert.ok(error instanceof EventValidationError);
      assert.equal(error.eventType, 'book.purchased');
      assert.deepEqual(
        error.violations.map((v) => `${v.path}:${v.constraint}`),
        ['data.extra:whitelistValidation', 'data.user_id:isString', 'data.amount:isInt'],
      );
      assert.match(error.message, /Event "book\.purchased" v1 was rejected; nothing was dispatched/);
      assert.match(error.message, /data\.amount: amount must be an integer number \(isInt\)/);
      assert.match(error.message, /data\.extra: property extra should not exist/);
      return true;
    });
    await assert.rejects(
      bus.publish(createDomainEvent({ type: 'book.purchased', data: 'text' })),
      /data: data must be an object shaped like PurchasePayload/,
    );
    assert.equal(calls, 0);
    await app.close();
  });

  it('dispatches a valid payload as an instance of its class, plain input included', async () => {
    const { app, bus } = await start([], catalogOptions);
    const received: DomainEvent[] = [];
    bus.subscribe('book.purchased', (e) => void received.push(e));
    await bus.publish(purchase({ user_id: 'u1', amount: 1999 }));
    await bus.publish(createDomainEvent({ type: 'book.purchased', data: { user_id: 'u2', amount: 0 } }));
    assert.equal(received.length, 2);
    assert.ok(received.every((e) => e.data instanceof PurchasePayload && Object.isFrozen(e.data)));
    await app.close();
  });

  it('rejects an unknown type unless unknown types are allowed', async () => {
    const strict = await start([], catalogOptions);
    await assert.rejects(
      strict.bus.publish(plain('book.lent')),
      (error: unknown) =>
        error instanceof UnknownEventTypeError &&
        error.eventType === 'book.lent' &&
        /not in the event catalog; nothing was dispatched/.test(error.message) &&
        /unknownEvents: 'allow'/.test(error.message),
    );
    await strict.app.close();
    const lenient = await start([], { ...catalogOptions, unknownEvents: 'allow' });
    let seen = 0;
    lenient.bus.subscribe('book.lent', () => void seen++);
    await lenient.bus.publish(plain('book.lent'));
    assert.equal(seen, 1);
    await lenient.app.close();
  });

  it('rejects an unregistered version of a known type, listing the known versions', async () => {
    const { app, bus } = await start([], { ...catalogOptions, unknownEvents: 'allow' });
    await assert.rejects(
      bus.publish(createDomainEvent({ type: 'book.purchased', version: 3, data: { user_id: 'u', amount: 1 } })),
      (error: unknown) =>
        error instanceof UnknownEventVersionError && /v3 is not registered; the catalog knows version 1\./.test(error.message),
    );
    await app.close();
  });

  it('rejects something that is not an envelope', async () => {
    const { app, bus } = await start([]);
    await assert.rejects(bus.publish({ type: 'a.b' } as unknown as DomainEvent), InvalidEventEnvelopeError);
    await app.close();
  });

  it('validates a whole batch before dispatching any of it', async () => {
    const { app, bus } = await start([], catalogOptions);
    let calls = 0;
    bus.subscribe('*', () => void calls++);
    const good = purchase({ user_id: 'u1', amount: 1 });
    const bad = purchase({ user_id: 'u1', amount: -1 });
    await assert.rejects(bus.publishAll([good, bad]), /data\.amount: amount must not be less than 0 \(min\)/);
    assert.equal(calls, 0);
    await bus.publishAll([good, good]);
    assert.equal(calls, 2);
    await app.close();
  });
});

describe('EventsModule.forRootAsync', () => {
  it('builds options from injected providers', async () => {
    @Module({ providers: [{ provide: 'SERVICE_NAME', useValue: 'from-config' }], exports: ['SERVICE_NAME'] })
    class ConfigModule {}
    const moduleRef = await Test.createTestingModule({
      imports: [
        EventsModule.forRootAsync({
          imports: [ConfigModule],
          inject: ['SERVICE_NAME'],
          useFactory: (source: string) => ({ source, unknownEvents: 'allow' as const }),
        }),
      ],
    })
      .setLogger(logger)
      .compile();
    const app = await moduleRef.init();
    const bus = app.get(EventBus);
    const sources: string[] = [];
    bus.subscribe('a.b', (e) => void sources.push(e.source));
    await bus.publish(plain('a.b'));
    assert.deepEqual(sources, ['from-config']);
    await app.close();
  });

  it('fails bootstrap with every problem of factory-made options', async () => {
    await assert.rejects(
      Test.createTestingModule({
        imports: [EventsModule.forRootAsync({ useFactory: () => ({ source: '', defaultMode: 'eventually' as never }) })],
      })
        .setLogger(logger)
        .compile(),
      /EventsModule options are invalid \(2 problems\):\n {2}- source must be a non-empty string\n {2}- defaultMode must be one of 'sync', 'async'/,
    );
  });
});
