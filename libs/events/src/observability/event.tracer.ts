import { Inject, Injectable } from '@nestjs/common';
import {
  context,
  INVALID_SPAN_CONTEXT,
  INVALID_TRACEID,
  propagation,
  ProxyTracerProvider,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type Span,
  type SpanContext,
  type Tracer,
} from '@opentelemetry/api';
import { EVENT_TYPE_PATTERN, RESOLVED_EVENTS_OPTIONS } from '../events.constants.js';
import { describeError } from '../events.messages.js';
import type { DomainEvent } from '../interfaces/domain-event.interface.js';
import type { HandlerMode } from '../interfaces/handler.interface.js';
import type { ResolvedEventsOptions } from '../options/events-options.resolver.js';

/** The instrumentation scope of every span this library starts. */
export const EVENTS_TRACER_NAME = '@webnovel/events';
/** `messaging.system` on our spans; the OpenTelemetry conventions allow a custom value for an in-house bus. */
export const EVENTS_MESSAGING_SYSTEM = 'webnovel_events';

/** The type for a span name or a label; anything that is not a sound type collapses, so it cannot blow up cardinality. */
export const soundType = (event: DomainEvent | undefined): string =>
  typeof event?.type === 'string' && EVENT_TYPE_PATTERN.test(event.type) ? event.type : 'invalid';

/** The provider the API's proxy delegates to while no SDK is registered: a module-level singleton. */
const NOOP_TRACER_PROVIDER = new ProxyTracerProvider().getDelegate();

/** Whether an SDK is registered; without one every span is a no-op and none of the span work is worth doing. */
function sdkRegistered(): boolean {
  const provider = trace.getTracerProvider();
  return !(provider instanceof ProxyTracerProvider && provider.getDelegate() === NOOP_TRACER_PROVIDER);
}

/** A started span and the context that carries it, for running work under it. */
export interface EventSpan {
  readonly span: Span;
  readonly context: Context;
}

/**
 * Spans for publishes (producer) and handler runs (consumer), on `@opentelemetry/api` only: without an SDK they
 * are no-ops. The trace context travels in the event's metadata as whatever the app's propagator writes (W3C
 * `traceparent`/`tracestate` with the Node SDK), so a handler run by a queue worker or in another process
 * continues the publisher's trace.
 */
@Injectable()
export class EventTracer {
  readonly enabled: boolean;
  private readonly tracer: Tracer = trace.getTracer(EVENTS_TRACER_NAME);

  constructor(@Inject(RESOLVED_EVENTS_OPTIONS) options: ResolvedEventsOptions) {
    this.enabled = options.tracing;
  }

  /**
   * A producer span under the active context: the HTTP request, or the handler publishing a follow-up event.
   * Undefined when there is nothing to trace: no SDK is registered, or the span it gave has an invalid context; the
   * caller then skips the context switch and the metadata stamp too.
   */
  startPublish(event: DomainEvent | undefined): EventSpan | undefined {
    if (!sdkRegistered()) return undefined;
    const type = soundType(event);
    const parent = context.active();
    const span = this.tracer.startSpan(`publish ${type}`, { kind: SpanKind.PRODUCER }, parent);
    if (!traceable(span.spanContext())) return undefined;
    // Attributes only for a span that keeps them: building them for a dropped span is the cost of tracing off.
    if (span.isRecording()) {
      span.setAttributes({
        'messaging.system': EVENTS_MESSAGING_SYSTEM,
        'messaging.operation.type': 'send',
        'messaging.operation.name': 'publish',
        'messaging.destination.name': type,
      });
    }
    return { span, context: trace.setSpan(parent, span) };
  }

  /**
   * The event with the span's context written into its metadata. The event is returned as is when the
   * propagator writes nothing (no SDK, or an unsampled context it does not propagate).
   */
  stamp(event: DomainEvent, { span, context: ctx }: EventSpan): DomainEvent {
    if (span.isRecording()) {
      span.setAttributes({
        'messaging.message.id': event.id,
        'messaging.message.conversation_id': event.correlationId,
        'webnovel.event.version': event.version,
        'webnovel.event.source': event.source,
      });
    }
    const carrier: Record<string, string> = {};
    propagation.inject(ctx, carrier);
    for (const key in carrier) {
      if (carrier[key] !== event.metadata[key])
        return Object.freeze({ ...event, metadata: Object.freeze({ ...event.metadata, ...carrier }) });
    }
    return event;
  }

  /**
   * A consumer span for one handler run. Its parent is the trace context carried in the event's metadata; with
   * `inherit`, a valid active span is used instead (a sync handler inside its publish, where both are the same span,
   * without parsing the metadata again). Undefined when there is nothing to trace, as for `startPublish`.
   */
  startHandle(event: DomainEvent, handler: string, mode: HandlerMode, attempt: number, inherit = false): EventSpan | undefined {
    if (!sdkRegistered()) return undefined;
    const active = context.active();
    const activeSpan = inherit ? trace.getSpan(active) : undefined;
    const parent = activeSpan && traceable(activeSpan.spanContext()) ? active : propagation.extract(active, event.metadata);
    const span = this.tracer.startSpan(`process ${event.type}`, { kind: SpanKind.CONSUMER }, parent);
    if (!traceable(span.spanContext())) return undefined;
    if (span.isRecording()) {
      span.setAttributes({
        'messaging.system': EVENTS_MESSAGING_SYSTEM,
        'messaging.operation.type': 'process',
        'messaging.operation.name': 'process',
        'messaging.destination.name': event.type,
        'messaging.consumer.group.name': handler,
        'messaging.message.id': event.id,
        'messaging.message.conversation_id': event.correlationId,
        'webnovel.handler.name': handler,
        'webnovel.handler.mode': mode,
        'webnovel.delivery.attempt': attempt,
      });
    }
    return { span, context: trace.setSpan(parent, span) };
  }

  /** Runs `fn` with the span's context active, so spans and events it starts are its children. */
  within<T>({ context: ctx }: EventSpan, fn: () => T): T {
    return context.with(ctx, fn);
  }

  /** Ends the span, recording the error and an error status when there is one. */
  end({ span }: EventSpan, error?: unknown): void {
    if (error !== undefined) {
      span.recordException(error instanceof Error ? error : describeError(error));
      span.setStatus({ code: SpanStatusCode.ERROR, message: describeError(error) });
    }
    span.end();
  }
}

/**
 * Whether a span can carry a trace on. Without an SDK the API hands out its one invalid context; the identity check
 * answers that case without `isSpanContextValid`'s two regular expressions per span. SDK ids are always valid.
 */
const traceable = (spanContext: SpanContext): boolean => spanContext !== INVALID_SPAN_CONTEXT && spanContext.traceId !== INVALID_TRACEID;

/** The trace id out of a W3C `traceparent` in the metadata, for log lines; undefined when there is none. */
export function traceIdOf(event: DomainEvent): string | undefined {
  const traceparent = event.metadata.traceparent;
  // version "-" 32 hex trace id "-" 16 hex span id "-" flags
  return traceparent !== undefined && traceparent.length >= 55 ? traceparent.slice(3, 35) : undefined;
}
