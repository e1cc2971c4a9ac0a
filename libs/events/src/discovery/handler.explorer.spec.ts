import 'reflect-metadata';
import { Controller, Injectable, Module, Scope, type Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { EventBus } from '../bus/event-bus.js';
import { OnDomainEvent } from '../decorators/on-domain-event.decorator.js';
import { DuplicateHandlerNameError, InvalidHandlerOptionsError, RequestScopedHandlerError } from '../errors/handler-registration.error.js';
import { createDomainEvent } from '../event/domain-event.js';
import { EventsModule } from '../events.module.js';
import type { DomainEvent } from '../interfaces/domain-event.interface.js';
import type { HandlerContext } from '../interfaces/handler.interface.js';
import { waitFor } from '@webnovel/testing';

const event = (type: string) => createDomainEvent({ type, data: {} });
let logs: string[] = [];
const captureLogger = { log: (m: string) => void logs.push(m), error: () => {}, warn: () => {}, debug: () => {}, verbose: () => {} };
const compile = (providers: Type[], imports: never[] = [], controllers: Type[] = []) =>
  Test.createTestingModule({ imports: [EventsModule.forRoot({ unknownEvents: 'allow' }), ...imports], providers, controllers })
    .setLogger(captureLogger)
    .compile();

@Injectable()
class Recorder {
  readonly calls: string[] = [];
}

describe('handler discovery', () => {
  beforeEach(() => {
    logs = [];
  });

  it('finds handlers on providers and controllers of every module, and logs each registration', async () => {
    @Injectable()
    class Deep {
      constructor(private readonly recorder: Recorder) {}
      @OnDomainEvent('book.purchased')
      onPurchase(e: DomainEvent) {
        this.recorder.calls.push(`deep:${e.type}`);
      }
    }
    @Controller()
    class Ctl {
      constructor(private readonly recorder: Recorder) {}
      @OnDomainEvent('book.*', { mode: 'sync' })
      onBook(e: DomainEvent) {
        this.recorder.calls.push(`controller:${e.type}`);
      }
    }
    @Module({ providers: [Recorder], exports: [Recorder] })
    class SharedModule {}
    @Module({ imports: [SharedModule], providers: [Deep] })
    class InnerModule {}
    @Module({ imports: [InnerModule, SharedModule], controllers: [Ctl] })
    class OuterModule {}

    const app = await (await compile([], [OuterModule as never])).init();
    await app.get(EventBus).publish(event('book.purchased'));
    assert.deepEqual(app.get(Recorder).calls.sort(), ['controller:book.purchased', 'deep:book.purchased']);
    assert.ok(logs.includes('Deep.onPurchase -> book.purchased [sync]'), logs.join('\n'));
    assert.ok(logs.includes('Ctl.onBook -> book.* [sync]'));
    await app.close();
  });

  it('fires an aliased provider once, and passes the handler context', async () => {
    const contexts: HandlerContext[] = [];
    @Injectable()
    class Aliased {
      @OnDomainEvent('a.b')
      on(_: DomainEvent, context: HandlerContext) {
        contexts.push(context);
      }
    }
    const app = await (
      await Test.createTestingModule({
        imports: [EventsModule.forRoot({ unknownEvents: 'allow' })],
        providers: [
          Aliased,
          { provide: 'ALIAS', useExisting: Aliased },
          { provide: 'SAME_INSTANCE', useFactory: (a: Aliased) => a, inject: [Aliased] },
        ],
      }).compile()
    ).init();
    await app.get(EventBus).publish(event('a.b'));
    assert.deepEqual(contexts, [{ handler: 'Aliased.on', attempt: 1, mode: 'sync' }]);
    await app.close();
  });

  it('merges stacked decorators that differ only in patterns, and keeps named ones apart', async () => {
    const seen: string[] = [];
    @Injectable()
    class Stacked {
      @OnDomainEvent('like.added')
      @OnDomainEvent(['comment.created', 'like.added'])
      merged(e: DomainEvent) {
        seen.push(`merged:${e.type}`);
      }
      @OnDomainEvent('follow.added', { name: 'stacked-sync' })
      @OnDomainEvent('follow.added', { name: 'stacked-async', mode: 'async' })
      named(e: DomainEvent, context: HandlerContext) {
        seen.push(`${context.handler}:${e.type}`);
      }
    }
    const app = await (await compile([Stacked])).init();
    const bus = app.get(EventBus);
    await bus.publishAll([event('like.added'), event('comment.created'), event('follow.added')]);
    await waitFor(() => seen.includes('stacked-async:follow.added'), { description: 'the async stacked handler' });
    assert.deepEqual(seen.sort(), [
      'merged:comment.created',
      'merged:like.added',
      'stacked-async:follow.added',
      'stacked-sync:follow.added',
    ]);
    assert.ok(logs.includes('Stacked.merged -> like.added, comment.created [sync]'), logs.join('\n'));
    await app.close();
  });

  it('fails bootstrap for a handler on a request-scoped provider, naming it', async () => {
    @Injectable({ scope: Scope.REQUEST })
    class PerRequest {
      @OnDomainEvent('a.b')
      on() {}
    }
    await assert.rejects(
      async () => (await compile([PerRequest])).init(),
      (error: unknown) =>
        error instanceof RequestScopedHandlerError &&
        error.className === 'PerRequest' &&
        /PerRequest\.on is an @OnDomainEvent handler on a request-scoped or transient provider/.test(error.message),
    );
  });

  it('fails bootstrap for a transient provider too', async () => {
    @Injectable({ scope: Scope.TRANSIENT })
    class Transient {
      @OnDomainEvent('a.b')
      on() {}
    }
    await assert.rejects(async () => (await compile([Transient])).init(), RequestScopedHandlerError);
  });

  it('fails bootstrap for two handlers with the same name, naming both', async () => {
    @Injectable()
    class First {
      @OnDomainEvent('a.b', { name: 'shared-name' })
      on() {}
    }
    @Injectable()
    class Second {
      @OnDomainEvent('c.d', { name: 'shared-name' })
      handle() {}
    }
    await assert.rejects(
      async () => (await compile([First, Second])).init(),
      (error: unknown) =>
        error instanceof DuplicateHandlerNameError &&
        error.message.includes('Two event handlers are named "shared-name" (First.on and Second.handle)') &&
        error.message.includes('explicit { name }'),
    );
  });

  it('rejects bad decorator input where the class is declared', () => {
    assert.throws(
      () => {
        class Bad {
          @OnDomainEvent(['User.Registered', 'ok.type'], { name: 'has:colon', mode: 'later' as never, retry: { maxAttempts: 0 } })
          on() {}
        }
        return Bad;
      },
      (error: unknown) => {
        assert.ok(error instanceof InvalidHandlerOptionsError);
        assert.equal(error.target, 'Bad.on');
        assert.equal(error.problems.length, 4);
        assert.match(error.message, /"User\.Registered" is not a valid event pattern/);
        assert.match(error.message, /name "has:colon" must be 1-200 letters/);
        assert.match(error.message, /mode must be 'sync' or 'async' \(got "later"\)/);
        assert.match(error.message, /retry\.maxAttempts must be an integer of at least 1 \(got 0\)/);
        return true;
      },
    );
    assert.throws(() => {
      class Empty {
        @OnDomainEvent([])
        on() {}
      }
      return Empty;
    }, /at least one event pattern is required/);
  });

  it('keeps two applications in one process apart', async () => {
    const calls: string[] = [];
    @Injectable()
    class Tagged {
      constructor(private readonly tag: Recorder) {}
      @OnDomainEvent('a.b')
      on() {
        calls.push(this.tag === appOneRecorder ? 'one' : 'two');
      }
    }
    const one = await (await compile([Tagged, Recorder])).init();
    const appOneRecorder = one.get(Recorder);
    const two = await (await compile([Tagged, Recorder])).init();
    const unsubscribe = two.get(EventBus).subscribe('a.b', () => void calls.push('two-subscriber'));
    await one.get(EventBus).publish(event('a.b'));
    assert.deepEqual(calls, ['one']);
    await two.get(EventBus).publish(event('a.b'));
    assert.deepEqual(calls, ['one', 'two', 'two-subscriber']);
    unsubscribe();
    await Promise.all([one.close(), two.close()]);
  });
});
