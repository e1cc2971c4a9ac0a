import { Injectable, type INestApplicationContext, type LoggerService, type Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { deferred, waitFor } from '@webnovel/testing';
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { EventsInstrumentation } from '../observability/events-instrumentation.js';
import { EventBus } from '../bus/event-bus.js';
import { OnDomainEvent } from '../decorators/on-domain-event.decorator.js';
import { DeadLetters } from '../delivery/dead-letters.service.js';
import { deliveryPairId } from '../delivery/delivery-pair.js';
import { DeadLetterHandlerMissingError } from '../errors/dead-letter.error.js';
import { NonRetryableError } from '../errors/non-retryable.error.js';
import { createDomainEvent } from '../event/domain-event.js';
import { EventsModule } from '../events.module.js';
import type { DomainEvent } from '../interfaces/domain-event.interface.js';
import type { EventDelivery } from '../interfaces/event-delivery.interface.js';
import type { EventsModuleOptions } from '../interfaces/events-module-options.interface.js';
import type { HandlerContext } from '../interfaces/handler.interface.js';

/** What the suite needs from a driver: a fresh one over empty queues per test, and a way to dispose of it. */
export interface DeliveryHarness {
  create(): EventDelivery | Promise<EventDelivery>;
  /** Called after the app using the driver closed; remove its queues here. */
  dispose?(delivery: EventDelivery): Promise<void>;
}

const quiet: LoggerService = { log() {}, warn() {}, error() {}, debug() {}, verbose() {} };
const json = (e: DomainEvent) => JSON.parse(JSON.stringify(e)) as unknown;
const event = (type = 'book.purchased') => createDomainEvent({ type, data: { book_id: 'b1' }, source: 'conformance' });

class PaymentGatewayError extends Error {
  override readonly name = 'PaymentGatewayError';
}

/**
 * The one behavioural suite every `EventDelivery` driver passes: retries that follow the policy, dead letters with
 * their metadata, non-retryable errors, sibling isolation, reprocessing, duplicates and the dead-letter operations.
 */
export function describeDeliveryConformance(driver: string, harness: DeliveryHarness): void {
  describe(`${driver} delivery conformance`, () => {
    const open: { app: INestApplicationContext; delivery: EventDelivery }[] = [];
    after(async () => {
      for (const { app, delivery } of open.splice(0)) {
        await app.close();
        await harness.dispose?.(delivery);
      }
    });

    async function start(providers: Type[], options: EventsModuleOptions = {}) {
      const delivery = await harness.create();
      const moduleRef = await Test.createTestingModule({
        imports: [
          EventsModule.forRoot({
            unknownEvents: 'allow',
            defaultMode: 'async',
            delivery,
            retry: { maxAttempts: 3, initialDelayMs: 20, multiplier: 2, maxDelayMs: 1000, jitter: 'none' },
            ...options,
          }),
        ],
        providers,
      })
        .setLogger(quiet)
        .compile();
      const app = await moduleRef.init();
      open.push({ app, delivery });
      return { app, bus: app.get(EventBus), deadLetters: app.get(DeadLetters), monitor: app.get(EventsInstrumentation) };
    }

    it('retries a transient failure after the policy delays and succeeds on the 3rd attempt', async () => {
      const runs: { attempt: number; at: number }[] = [];
      const done = deferred();
      @Injectable()
      class Flaky {
        @OnDomainEvent('book.purchased', { name: 'Flaky.run', retry: { maxAttempts: 5, initialDelayMs: 60, multiplier: 3 } })
        run(_: DomainEvent, context: HandlerContext) {
          runs.push({ attempt: context.attempt, at: performance.now() });
          if (context.attempt < 3) throw new Error('transient');
          done.resolve();
        }
      }
      const { bus, deadLetters, monitor } = await start([Flaky]);
      await bus.publish(event());
      await done.promise;
      assert.deepEqual(
        runs.map((r) => r.attempt),
        [1, 2, 3],
      );
      // Lower bounds only: the policy says at least 60 ms, then at least 180 ms (60 × 3); timers may run late.
      assert.ok(runs[1]!.at - runs[0]!.at >= 59, `first delay ${runs[1]!.at - runs[0]!.at} ms`);
      assert.ok(runs[2]!.at - runs[1]!.at >= 179, `second delay ${runs[2]!.at - runs[1]!.at} ms`);
      await waitFor(() => monitor.deliveryStats().success === 1);
      assert.equal(monitor.deliveryStats().retried, 2);
      assert.equal((await deadLetters.list()).total, 0);
    });

    it('dead-letters a permanent failure after maxAttempts with the envelope, error, attempts and times', async () => {
      let runs = 0;
      @Injectable()
      class Broken {
        @OnDomainEvent('book.purchased', { name: 'Payments.charge' })
        charge() {
          runs++;
          throw new PaymentGatewayError('gateway said no');
        }
      }
      const { bus, deadLetters, monitor } = await start([Broken]);
      const reported = deferred<unknown>();
      bus.unhandledErrors$.subscribe((e) => reported.resolve(e));
      const e = event();
      const before = Date.now();
      await bus.publish(e);
      await waitFor(async () => (await deadLetters.list()).total === 1);
      const [letter] = (await deadLetters.list()).items;
      assert.ok(letter);
      assert.equal(letter.id, deliveryPairId(e.id, 'Payments.charge'));
      assert.deepEqual(json(letter.event), json(e));
      assert.equal(letter.handler, 'Payments.charge');
      assert.equal(typeof letter.queue, 'string');
      assert.ok(letter.queue.length > 0);
      assert.equal(letter.error.name, 'PaymentGatewayError');
      assert.equal(letter.error.message, 'gateway said no');
      assert.match(letter.error.stack ?? '', /PaymentGatewayError: gateway said no/);
      assert.equal(letter.attempts, 3);
      assert.equal(runs, 3);
      const first = Date.parse(letter.firstFailedAt);
      const last = Date.parse(letter.lastFailedAt);
      assert.ok(before <= first && first < last && last <= Date.parse(letter.deadLetteredAt), JSON.stringify(letter));
      assert.deepEqual(await deadLetters.get(letter.id), letter);
      const counts = await deadLetters.counts();
      assert.equal(
        counts.reduce((n, c) => n + c.dead, 0),
        1,
      );
      assert.equal(monitor.deliveryStats().dead_lettered, 1);
      assert.equal(((await reported.promise) as { deadLetter?: { id: string } }).deadLetter?.id, letter.id);
    });

    it('skips the retries for a NonRetryableError, directly or as a cause, and for a retryable predicate saying no', async () => {
      const runs = { direct: 0, wrapped: 0, predicate: 0 };
      @Injectable()
      class Fatal {
        @OnDomainEvent('book.purchased', { name: 'Fatal.direct' })
        direct() {
          runs.direct++;
          throw new NonRetryableError('bad payload');
        }
        @OnDomainEvent('book.purchased', { name: 'Fatal.wrapped' })
        wrapped() {
          runs.wrapped++;
          throw new Error('outer', { cause: new NonRetryableError('inner') });
        }
        @OnDomainEvent('book.purchased', { name: 'Fatal.predicate', retry: { retryable: (e) => !(e instanceof TypeError) } })
        predicate() {
          runs.predicate++;
          throw new TypeError('not a retry kind of problem');
        }
      }
      const { bus, deadLetters } = await start([Fatal]);
      await bus.publish(event());
      await waitFor(async () => (await deadLetters.list()).total === 3);
      assert.deepEqual(runs, { direct: 1, wrapped: 1, predicate: 1 });
      const letters = (await deadLetters.list()).items;
      assert.deepEqual(letters.map((l) => l.attempts).sort(), [1, 1, 1]);
      assert.equal(letters.find((l) => l.handler === 'Fatal.direct')?.error.name, 'NonRetryableError');
    });

    it('runs a sibling handler once, without waiting for a failing one to retry', async () => {
      const log: string[] = [];
      const siblingDone = deferred();
      @Injectable()
      class Handlers {
        @OnDomainEvent('book.purchased', { name: 'Handlers.failing', retry: { initialDelayMs: 150 } })
        failing(_: DomainEvent, context: HandlerContext) {
          log.push(`failing#${context.attempt}`);
          throw new Error('always');
        }
        @OnDomainEvent('book.purchased', { name: 'Handlers.sibling' })
        sibling() {
          log.push('sibling');
          siblingDone.resolve();
        }
      }
      const { bus, deadLetters } = await start([Handlers]);
      await bus.publish(event());
      await siblingDone.promise;
      assert.ok(!log.includes('failing#2'), `sibling waited for a retry: ${log.join(', ')}`);
      await waitFor(async () => (await deadLetters.list()).total === 1);
      assert.deepEqual(
        log.filter((l) => l === 'sibling'),
        ['sibling'],
      );
      assert.equal((await deadLetters.list()).items[0]?.handler, 'Handlers.failing');
    });

    it('reprocesses a dead letter once the handler is fixed, leaving the queue empty', async () => {
      const state = { broken: true, handled: deferred<number>() };
      @Injectable()
      class Fixable {
        @OnDomainEvent('book.purchased', { name: 'Fixable.run', retry: { maxAttempts: 1 } })
        run(_: DomainEvent, context: HandlerContext) {
          if (state.broken) throw new Error('bug');
          state.handled.resolve(context.attempt);
        }
      }
      const { bus, deadLetters } = await start([Fixable]);
      const e = event();
      await bus.publish(e);
      await waitFor(async () => (await deadLetters.list()).total === 1);
      state.broken = false;
      assert.equal(await deadLetters.reprocess(deliveryPairId(e.id, 'Fixable.run')), true);
      assert.equal(await state.handled.promise, 1, 'a reprocessed pair starts again with fresh attempts');
      assert.equal((await deadLetters.list()).total, 0);
      assert.equal(await deadLetters.reprocess(deliveryPairId(e.id, 'Fixable.run')), false);
    });

    it('ignores a duplicate delivery while the pair is pending, and skips a redelivered copy after it completed', async () => {
      const gate = deferred();
      const started = deferred();
      let runs = 0;
      @Injectable()
      class Slow {
        @OnDomainEvent('book.purchased', { name: 'Slow.run' })
        async run() {
          runs++;
          started.resolve();
          await gate.promise;
        }
      }
      const { bus, deadLetters, monitor } = await start([Slow]);
      const e = event();
      await bus.publish(e);
      await started.promise;
      await bus.publish(e);
      gate.resolve();
      await waitFor(() => monitor.deliveryStats().success === 1);
      await waitFor(async () => (await deadLetters.counts()).every((c) => c.waiting + c.active + c.delayed === 0));
      assert.equal(runs, 1);
      await bus.publish(e);
      await waitFor(() => monitor.deliveryStats().skipped_duplicate === 1);
      assert.equal(runs, 1);
    });

    it('lists with filters and pages, reprocesses and purges by filter, and deletes one', async () => {
      @Injectable()
      class Failing {
        @OnDomainEvent(['book.purchased', 'chapter.published'], { name: 'Failing.a', retry: { maxAttempts: 1 } })
        a() {
          throw new Error('a');
        }
        @OnDomainEvent('book.purchased', { name: 'Failing.b', retry: { maxAttempts: 1 } })
        b() {
          throw new Error('b');
        }
      }
      const { bus, deadLetters } = await start([Failing]);
      const from = new Date();
      await bus.publishAll([event(), event('chapter.published'), event()]);
      await waitFor(async () => (await deadLetters.list()).total === 5);
      assert.equal((await deadLetters.list({ handler: 'Failing.b' })).total, 2);
      assert.equal((await deadLetters.list({ eventType: 'chapter.published' })).total, 1);
      assert.equal((await deadLetters.list({ from, to: new Date(Date.now() + 1000) })).total, 5);
      assert.equal((await deadLetters.list({ to: from })).total, 0);
      const all = (await deadLetters.list()).items.map((l) => l.id);
      const page = await deadLetters.list({}, { limit: 2, offset: 1 });
      assert.deepEqual(
        page.items.map((l) => l.id),
        all.slice(1, 3),
      );
      assert.equal(page.total, 5);

      assert.equal(await deadLetters.purge({ eventType: 'chapter.published' }), 1);
      const [onlyA] = (await deadLetters.list({ handler: 'Failing.a' })).items;
      assert.equal(await deadLetters.remove(onlyA!.id), true);
      assert.equal(await deadLetters.remove(onlyA!.id), false);
      const result = await deadLetters.reprocessMatching({ handler: 'Failing.b' });
      assert.equal(result.reprocessed.length, 2);
      assert.deepEqual(result.failed, []);
      // Still broken, so both come back as fresh dead letters after one attempt each.
      await waitFor(async () => (await deadLetters.list({ handler: 'Failing.b' })).total === 2);
      assert.equal((await deadLetters.list()).total, 3);
    });

    it('keeps a dead letter whose handler this application no longer has', async () => {
      const { bus, deadLetters } = await start([]);
      const unsubscribe = bus.subscribe(
        'book.purchased',
        () => {
          throw new Error('x');
        },
        { name: 'Retired.handler', mode: 'async', retry: { maxAttempts: 1 } },
      );
      await bus.publish(event());
      await waitFor(async () => (await deadLetters.list()).total === 1);
      unsubscribe();
      const [letter] = (await deadLetters.list()).items;
      await assert.rejects(deadLetters.reprocess(letter!.id), (error: unknown) => {
        assert.ok(error instanceof DeadLetterHandlerMissingError);
        assert.match(error.message, /handler "Retired\.handler" is not registered/);
        return true;
      });
      assert.equal((await deadLetters.list()).total, 1);
    });

    it("with syncFailures: 'retry', hands a failed sync handler to the retry queue and dead-letters a fatal one", async () => {
      const retried = deferred<number>();
      @Injectable()
      class SyncHandlers {
        @OnDomainEvent('book.purchased', { name: 'Sync.flaky', mode: 'sync' })
        flaky(_: DomainEvent, context: HandlerContext) {
          if (context.attempt === 1) throw new Error('first run fails');
          retried.resolve(context.attempt);
        }
        @OnDomainEvent('book.purchased', { name: 'Sync.fatal', mode: 'sync' })
        fatal() {
          throw new NonRetryableError('never');
        }
      }
      const { bus, deadLetters } = await start([SyncHandlers], { syncFailures: 'retry' });
      await bus.publish(event());
      assert.equal(await retried.promise, 2);
      await waitFor(async () => (await deadLetters.list()).total === 1);
      const [letter] = (await deadLetters.list()).items;
      assert.equal(letter?.handler, 'Sync.fatal');
      assert.equal(letter?.attempts, 1);
    });
  });
}
