import 'reflect-metadata';
import { Injectable, type Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { deferred, waitFor } from '@webnovel/testing';
import assert from 'node:assert/strict';
import { after, beforeEach, describe, it } from 'node:test';
import { EventBus } from '../bus/event-bus.js';
import { OnDomainEvent } from '../decorators/on-domain-event.decorator.js';
import { createDomainEvent } from '../event/domain-event.js';
import { EventsModule } from '../events.module.js';
import type { DomainEvent } from '../interfaces/domain-event.interface.js';
import type { EventsModuleOptions } from '../interfaces/events-module-options.interface.js';
import { EVENTS_MESSAGING_SYSTEM, traceIdOf } from './event.tracer.js';

// node --test runs each file in its own process, so registering a global provider here touches no other suite.
const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
provider.register();
after(() => provider.shutdown());

const quiet = { log() {}, warn() {}, error() {}, debug() {}, verbose() {} };
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/;

async function start(providers: Type[], options: EventsModuleOptions = {}) {
  const moduleRef = await Test.createTestingModule({
    imports: [EventsModule.forRoot({ unknownEvents: 'allow', logHandlers: false, ...options })],
    providers,
  })
    .setLogger(quiet)
    .compile();
  const app = await moduleRef.init();
  return { app, bus: app.get(EventBus) };
}

const spanNamed = (name: string): ReadableSpan => {
  const found = exporter.getFinishedSpans().filter((s) => s.name === name);
  assert.equal(
    found.length,
    1,
    `one span named "${name}", got ${exporter
      .getFinishedSpans()
      .map((s) => s.name)
      .join(', ')}`,
  );
  return found[0]!;
};
const parentOf = (span: ReadableSpan): string | undefined => span.parentSpanContext?.spanId;

describe('EventTracer: spans and trace context', () => {
  beforeEach(() => exporter.reset());

  it('nests publish under the active span and every handler run under publish, across the async hand-off', async () => {
    const seen: DomainEvent[] = [];
    const asyncDone = deferred<void>();
    @Injectable()
    class Handlers {
      @OnDomainEvent('user.registered', { name: 'Sync.welcome' })
      welcome(event: DomainEvent) {
        seen.push(event);
      }
      @OnDomainEvent('user.registered', { name: 'Async.stats', mode: 'async' })
      stats() {
        asyncDone.resolve();
      }
    }
    const { app, bus } = await start([Handlers]);
    const request = trace.getTracer('test').startSpan('POST /users');
    const event = createDomainEvent({ type: 'user.registered', data: {} });
    await context.with(trace.setSpan(context.active(), request), () => bus.publish(event));
    request.end();
    await asyncDone.promise;
    await waitFor(() => exporter.getFinishedSpans().length === 4, { description: 'four finished spans' });

    const publish = spanNamed('publish user.registered');
    assert.equal(publish.kind, SpanKind.PRODUCER);
    assert.equal(parentOf(publish), request.spanContext().spanId);
    assert.equal(publish.spanContext().traceId, request.spanContext().traceId);
    assert.equal(publish.attributes['messaging.system'], EVENTS_MESSAGING_SYSTEM);
    assert.equal(publish.attributes['messaging.message.id'], event.id);

    const traceparent = seen[0]!.metadata.traceparent;
    assert.match(traceparent ?? '', TRACEPARENT, 'the handler sees the trace context in the metadata');
    const [, traceId, spanId] = TRACEPARENT.exec(traceparent!)!;
    assert.equal(traceId, publish.spanContext().traceId);
    assert.equal(spanId, publish.spanContext().spanId);
    assert.equal(traceIdOf(seen[0]!), traceId);

    const consumers = exporter.getFinishedSpans().filter((s) => s.name === 'process user.registered');
    assert.deepEqual(consumers.map((s) => s.attributes['webnovel.handler.name']).sort(), ['Async.stats', 'Sync.welcome']);
    for (const consumer of consumers) {
      assert.equal(consumer.kind, SpanKind.CONSUMER);
      assert.equal(parentOf(consumer), publish.spanContext().spanId);
      assert.equal(consumer.attributes['messaging.message.id'], event.id);
      assert.equal(consumer.attributes['webnovel.delivery.attempt'], 1);
    }
    await app.close();
  });

  it('continues the trace carried in the metadata when no span is active, as a queue worker would', async () => {
    const { app, bus } = await start([]);
    const carried = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    bus.subscribe('a.b', () => undefined, { name: 'Worker.run' });
    await bus.publish(createDomainEvent({ type: 'a.b', data: {}, metadata: { traceparent: carried } }));
    const publish = spanNamed('publish a.b');
    // With no active span the producer span starts a fresh trace; its consumers follow the metadata it stamped.
    assert.notEqual(publish.spanContext().traceId, '0af7651916cd43dd8448eb211c80319c');
    assert.equal(parentOf(spanNamed('process a.b')), publish.spanContext().spanId);
    await app.close();
  });

  it('makes events published by a handler children of that handler run', async () => {
    const { app, bus } = await start([]);
    bus.subscribe('order.placed', () => bus.publish(createDomainEvent({ type: 'mail.queued', data: {} })), { name: 'Orders.mail' });
    bus.subscribe('mail.queued', () => undefined, { name: 'Mail.send' });
    await bus.publish(createDomainEvent({ type: 'order.placed', data: {} }));
    const handlerRun = spanNamed('process order.placed');
    const followUp = spanNamed('publish mail.queued');
    assert.equal(parentOf(followUp), handlerRun.spanContext().spanId);
    assert.equal(parentOf(spanNamed('process mail.queued')), followUp.spanContext().spanId);
    await app.close();
  });

  it('records a handler error on its span and a rejected publish on the producer span', async () => {
    const { app, bus } = await start([]);
    bus.subscribe('a.b', () => {
      throw new Error('disk full');
    });
    await assert.rejects(bus.publish(createDomainEvent({ type: 'a.b', data: {} })), { name: 'HandlersFailedError' });
    const run = spanNamed('process a.b');
    assert.equal(run.status.code, SpanStatusCode.ERROR);
    assert.equal(run.status.message, 'Error: disk full');
    assert.equal(run.events[0]?.name, 'exception');
    assert.equal(run.events[0]?.attributes?.['exception.message'], 'disk full');
    assert.equal(spanNamed('publish a.b').status.code, SpanStatusCode.ERROR);

    exporter.reset();
    const malformed = { ...createDomainEvent({ type: 'a.b', data: {} }), type: 'Not A Type' };
    await assert.rejects(bus.publish(malformed), { name: 'InvalidEventEnvelopeError' });
    assert.equal(spanNamed('publish invalid').status.code, SpanStatusCode.ERROR, 'an unsound type never becomes a span name');
    await app.close();
  });

  it('records a failed async attempt on its span, and the retry as a new span with the next attempt', async () => {
    const { app, bus } = await start([], { retry: { maxAttempts: 2, initialDelayMs: 1, jitter: 'none' } });
    const done = deferred<void>();
    let runs = 0;
    bus.subscribe(
      'a.b',
      () => {
        if (++runs === 1) throw new Error('flaky');
        done.resolve();
      },
      { name: 'Flaky.run', mode: 'async' },
    );
    await bus.publish(createDomainEvent({ type: 'a.b', data: {} }));
    await done.promise;
    await waitFor(() => exporter.getFinishedSpans().filter((s) => s.name === 'process a.b').length === 2, { description: 'two runs' });
    const runsByAttempt = exporter
      .getFinishedSpans()
      .filter((s) => s.name === 'process a.b')
      .sort((a, b) => Number(a.attributes['webnovel.delivery.attempt']) - Number(b.attributes['webnovel.delivery.attempt']));
    assert.deepEqual(
      runsByAttempt.map((s) => [s.attributes['webnovel.delivery.attempt'], s.status.code]),
      [
        [1, SpanStatusCode.ERROR],
        [2, SpanStatusCode.UNSET],
      ],
    );
    await app.close();
  });

  it('starts no span and writes no trace context with tracing: false', async () => {
    const { app, bus } = await start([], { tracing: false });
    const seen: DomainEvent[] = [];
    bus.subscribe('a.b', (e) => void seen.push(e));
    await bus.publish(createDomainEvent({ type: 'a.b', data: {} }));
    assert.deepEqual(exporter.getFinishedSpans(), []);
    assert.deepEqual(seen[0]!.metadata, {});
    await app.close();
  });
});
