import { Inject, Injectable } from '@nestjs/common';
import { context, propagation, SpanKind, SpanStatusCode, trace, type Context, type Span, type Tracer } from '@opentelemetry/api';
import { RESOLVED_EVENTS_OPTIONS } from '../events.constants.js';
import { describeError } from '../events.messages.js';
import type { DomainEvent } from '../interfaces/domain-event.interface.js';
import type { HandlerMode } from '../interfaces/handler.interface.js';
import type { ResolvedEventsOptions } from '../options/events-options.resolver.js';

/** The instrumentation scope of every span this library starts. */
export const EVENTS_TRACER_NAME = '@webnovel/events';
/** `messaging.system` on our spans; the OpenTelemetry conventions allow a custom value for an in-house bus. */
export const EVENTS_MESSAGING_SYSTEM = 'webnovel_events';

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

  /** A producer span under the active context: the HTTP request, or the handler publishing a follow-up event. */
  startPublish(type: string): EventSpan {
    const parent = context.active();
    const span = this.tracer.startSpan(
      `publish ${type}`,
      {
        kind: SpanKind.PRODUCER,
        attributes: {
          'messaging.system': EVENTS_MESSAGING_SYSTEM,
          'messaging.operation.type': 'send',
          'messaging.operation.name': 'publish',
          'messaging.destination.name': type,
        },
      },
      parent,
    );
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

  /** A consumer span for one handler run, continuing the trace carried in the event's metadata. */
  startHandle(event: DomainEvent, handler: string, mode: HandlerMode, attempt: number): EventSpan {
    const parent = propagation.extract(context.active(), event.metadata);
    const span = this.tracer.startSpan(
      `process ${event.type}`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
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
        },
      },
      parent,
    );
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

/** The trace id out of a W3C `traceparent` in the metadata, for log lines; undefined when there is none. */
export function traceIdOf(event: DomainEvent): string | undefined {
  const traceparent = event.metadata.traceparent;
  // version "-" 32 hex trace id "-" 16 hex span id "-" flags
  return traceparent !== undefined && traceparent.length >= 55 ? traceparent.slice(3, 35) : undefined;
}
