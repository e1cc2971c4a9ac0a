import 'reflect-metadata';
import { Injectable, type Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { deferred, waitFor } from '@webnovel/testing';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstValueFrom } from 'rxjs';
import { EventBus } from '../bus/event-bus.js';
import { OnDomainEvent } from '../decorators/on-domain-event.decorator.js';
import { NonRetryableError } from '../errors/non-retryable.error.js';
import { createDomainEvent } from '../event/domain-event.js';
import { EventsModule } from '../events.module.js';
import type { HandlerContext } from '../interfaces/handler.interface.js';

const quiet = { log() {}, warn() {}, error() {}, debug() {}, verbose() {} };
const event = () => createDomainEvent({ type: 'a.b', data: {} });

async function start(providers: Type[]) {
  const moduleRef = await Test.createTestingModule({
    imports: [
      EventsModule.forRoot({ unknownEvents: 'allow', retry: { initialDelayMs: 1, maxDelayMs: 5, jitter: 'none', maxAttempts: 4 } }),
    ],
    providers,
  })
    .setLogger(quiet)
    .compile();
  const app = await moduleRef.init();
  return { app, bus: app.get(EventBus) };
}

describe('in-process delivery retries', () => {
  it('retries a transient failure with the policy and succeeds without reporting it', async () => {
    const attempts: number[] = [];
    const done = deferred();
    @Injectable()
    class Flaky {
      @OnDomainEvent('a.b', { mode: 'async' })
      run(_: unknown, context: HandlerContext) {
        attempts.push(context.attempt);
        if (context.attempt < 3) throw new Error('transient');
        done.resolve();
      }
    }
    const { app, bus } = await start([Flaky]);
    const reported: unknown[] = [];
    const subscription = bus.unhandledErrors$.subscribe((e) => reported.push(e));
    await bus.publish(event());
    await done.promise;
    assert.deepEqual(attempts, [1, 2, 3]);
    assert.deepEqual(reported, []);
    subscription.unsubscribe();
    await app.close();
  });

  it('reports a permanent failure after the handler override of maxAttempts, leaving siblings alone', async () => {
    const calls = { failing: 0, sibling: 0 };
    @Injectable()
    class Handlers {
      @OnDomainEvent('a.b', { mode: 'async', retry: { maxAttempts: 2 } })
      failing() {
        calls.failing++;
        throw new Error('permanent');
      }
      @OnDomainEvent('a.b', { mode: 'async' })
      sibling() {
        calls.sibling++;
      }
    }
    const { app, bus } = await start([Handlers]);
    const failure = firstValueFrom(bus.unhandledErrors$);
    await bus.publish(event());
    const reported = await failure;
    assert.equal(reported.handler, 'Handlers.failing');
    assert.equal(reported.attempt, 2);
    assert.deepEqual(calls, { failing: 2, sibling: 1 });
    await app.close();
  });

  it('does not retry a NonRetryableError', async () => {
    let runs = 0;
    @Injectable()
    class Strict {
      @OnDomainEvent('a.b', { mode: 'async' })
      run() {
        runs++;
        throw new NonRetryableError('payload cannot be used');
      }
    }
    const { app, bus } = await start([Strict]);
    const failure = firstValueFrom(bus.unhandledErrors$);
    await bus.publish(event());
    assert.equal((await failure).attempt, 1);
    assert.equal(runs, 1);
    await app.close();
  });

  // Without the wake-up on close, the report would only come after the 60 s backoff: the timeout guards that hang.
  it('stops waiting out a backoff at shutdown and reports the pair as failed', { timeout: 20_000 }, async () => {
    let runs = 0;
    @Injectable()
    class Slow {
      @OnDomainEvent('a.b', { mode: 'async', retry: { initialDelayMs: 60_000, maxDelayMs: 60_000 } })
      run() {
        runs++;
        throw new Error('down');
      }
    }
    const { app, bus } = await start([Slow]);
    const failure = firstValueFrom(bus.unhandledErrors$);
    await bus.publish(event());
    await waitFor(() => runs === 1, { description: 'the first run' });
    await app.close();
    assert.equal((await failure).attempt, 1);
    assert.equal(runs, 1);
  });
});
