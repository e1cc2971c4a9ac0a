import 'reflect-metadata';
import { Injectable, type Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { deferred, RecordingLogger } from '@webnovel/testing';
import { IsString } from 'class-validator';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defineEvent, eventFactory } from '../catalog/event-definition.js';
import { OnDomainEvent } from '../decorators/on-domain-event.decorator.js';
import { InProcessDelivery } from '../delivery/in-process.delivery.js';
import { EventBusNotReadyError } from '../errors/event-bus-not-ready.error.js';
import { UnknownEventPatternError } from '../errors/unknown-event-pattern.error.js';
import { EventsModule } from '../events.module.js';
import type { EventsModuleOptions } from '../interfaces/events-module-options.interface.js';
import { EventBus } from './event-bus.js';

// What a new user meets first: a test module compiled but never initialised, a typo in a handler pattern, and the
// discovery log line they copy a handler name from.

class BookPayload {
  @IsString() book_id!: string;
}
const catalog = [
  defineEvent({ type: 'book.purchased', payload: BookPayload }),
  defineEvent({ type: 'book.refunded', payload: BookPayload }),
  defineEvent({ type: 'chapter.purchased', payload: BookPayload }),
  defineEvent({ type: 'user.registered', payload: BookPayload }),
];
const bookPurchased = eventFactory(catalog[0]!);
const quiet = new RecordingLogger();

const compile = (options: EventsModuleOptions, providers: Type[] = [], logger = quiet) =>
  Test.createTestingModule({ imports: [EventsModule.forRoot({ catalog, ...options })], providers })
    .setLogger(logger)
    .compile();

describe('publish before the application is initialised', () => {
  it('rejects after readyTimeoutMs with EventBusNotReadyError saying to call init()', async () => {
    const moduleRef = await compile({ readyTimeoutMs: 50 });
    const started = Date.now();
    await assert.rejects(moduleRef.get(EventBus).publish(bookPurchased({ book_id: 'b-1' })), (error: unknown) => {
      assert.ok(error instanceof EventBusNotReadyError);
      assert.equal(error.name, 'EventBusNotReadyError');
      assert.equal(error.eventType, 'book.purchased');
      assert.equal(error.waitedMs, 50);
      assert.match(error.message, /^Cannot publish "book\.purchased": the application was not initialised within 50 ms \(readyTimeoutMs\)/);
      assert.match(
        error.message,
        /Call `await app\.init\(\)` \(or `await moduleRef\.init\(\)` after `Test\.createTestingModule\(\.\.\.\)\.compile\(\)`\)/,
      );
      return true;
    });
    assert.ok(Date.now() - started >= 45, 'it waited for the timeout');
    await assert.rejects(moduleRef.get(EventBus).publishAll([bookPurchased({ book_id: 'b-2' })]), EventBusNotReadyError);
    await moduleRef.close();
  });

  it('keeps waiting past readyTimeoutMs once init has begun, and delivers the event', async () => {
    const slow = new InProcessDelivery();
    const driverStarted = deferred<void>();
    const releaseDriver = deferred<void>();
    const start = slow.start.bind(slow);
    slow.start = async (host) => {
      driverStarted.resolve();
      await releaseDriver.promise;
      return start(host);
    };
    const moduleRef = await compile({ readyTimeoutMs: 20, delivery: slow });
    const received: string[] = [];
    moduleRef.get(EventBus).subscribe('book.purchased', (event) => void received.push((event.data as BookPayload).book_id));
    const initialising = moduleRef.init();
    await driverStarted.promise;
    const early = moduleRef.get(EventBus).publish(bookPurchased({ book_id: 'during-bootstrap' }));
    // Well past the 20 ms timeout, bootstrap is still under way; the publish must not give up.
    await new Promise((resolve) => setTimeout(resolve, 60));
    releaseDriver.resolve();
    await initialising;
    await early;
    assert.deepEqual(received, ['during-bootstrap']);
    await moduleRef.close();
  });

  it('rejects waiting publishes with the bootstrap error when init fails', async () => {
    const broken = new InProcessDelivery();
    const driverStarted = deferred<void>();
    const failDriver = deferred<void>();
    broken.start = async () => {
      driverStarted.resolve();
      await failDriver.promise;
      throw new Error('redis: connect ECONNREFUSED 127.0.0.1:6379');
    };
    const moduleRef = await compile({ readyTimeoutMs: 20, delivery: broken });
    const initialising = moduleRef.init();
    await driverStarted.promise;
    const early = moduleRef.get(EventBus).publish(bookPurchased({ book_id: 'b-1' }));
    failDriver.resolve();
    await assert.rejects(initialising, /ECONNREFUSED/);
    await assert.rejects(early, (error: unknown) => {
      assert.ok(error instanceof EventBusNotReadyError);
      assert.match(
        error.message,
        /^Cannot publish "book\.purchased": the application failed to initialise \(Error: redis: connect ECONNREFUSED/,
      );
      assert.match((error.cause as Error).message, /ECONNREFUSED/);
      return true;
    });
  });

  it('rejects a readyTimeoutMs that is not a positive integer, naming the option', async () => {
    await assert.rejects(
      compile({ readyTimeoutMs: 0 }),
      /readyTimeoutMs must be an integer of milliseconds from 1 to 2147483647 \(got 0\)/,
    );
  });
});

describe('handler patterns that match no catalog type', () => {
  @Injectable()
  class Typos {
    @OnDomainEvent('book.purchase')
    credit() {}

    @OnDomainEvent(['boook.*', 'user.registered'], { name: 'Typos.audit' })
    audit() {}
  }

  it('fail bootstrap, naming the handler, the pattern and the nearest known types', async () => {
    const moduleRef = await compile({}, [Typos]);
    await assert.rejects(moduleRef.init(), (error: unknown) => {
      assert.ok(error instanceof UnknownEventPatternError);
      assert.equal(error.name, 'UnknownEventPatternError');
      assert.deepEqual(error.patterns, [
        {
          handler: 'Typos.credit',
          origin: 'Typos.credit',
          pattern: 'book.purchase',
          nearest: ['book.purchased', 'book.refunded', 'chapter.purchased'],
        },
        {
          handler: 'Typos.audit',
          origin: 'Typos.audit',
          pattern: 'boook.*',
          nearest: ['book.purchased', 'book.refunded', 'user.registered'],
        },
      ]);
      assert.equal(
        error.message,
        '2 handler patterns match no type in the event catalog, so they would never fire:\n' +
          '  - Typos.credit subscribes to "book.purchase"; the nearest known types are "book.purchased", "book.refunded", "chapter.purchased"\n' +
          '  - Typos.audit subscribes to "boook.*"; the nearest known types are "book.purchased", "book.refunded", "user.registered"\n' +
          "Fix the pattern, add the type to the catalog, or set unknownEvents: 'allow' to subscribe to uncatalogued types.",
      );
      return true;
    });
  });

  it('are checked for subscribe() too, and allowed with unknownEvents: allow', async () => {
    const app = await (await compile({})).init();
    assert.throws(() => app.get(EventBus).subscribe('book.purchsed', () => undefined), UnknownEventPatternError);
    assert.doesNotThrow(() => app.get(EventBus).subscribe(['book.*', '*'], () => undefined));
    await app.close();
    const lenient = await (await compile({ unknownEvents: 'allow' }, [Typos])).init();
    await lenient.close();
  });
});

describe('the discovery log line', () => {
  @Injectable()
  class Mailer {
    @OnDomainEvent('user.registered', { name: 'Mailer.welcome', mode: 'async' })
    send() {}

    @OnDomainEvent('book.*')
    receipt() {}
  }

  it('shows the stable name, with the method beside it when they differ', async () => {
    const logger = new RecordingLogger();
    const app = await (await compile({}, [Mailer], logger)).init();
    const lines = logger.entries.filter((e) => e.level === 'log' && typeof e.message === 'string').map((e) => e.message);
    assert.ok(lines.includes('Mailer.welcome (Mailer.send) -> user.registered [async]'), lines.join('\n'));
    assert.ok(lines.includes('Mailer.receipt -> book.* [sync]'), lines.join('\n'));
    await app.close();
  });
});
