import { errorInfo } from '../delivery/delivery-pair.js';
import type { DeadLetterErrorInfo } from '../interfaces/dead-letter.interface.js';
import type { DomainEvent } from '../interfaces/domain-event.interface.js';
import { traceIdOf } from './event.tracer.js';

/**
 * One structured log line about one event. Field names are snake_case so they line up with log pipelines and the
 * metric labels; `msg` is the message for pino (`nestjs-pino`) and is printed as part of the object by Nest's
 * console logger.
 */
export interface EventLogLine {
  readonly msg: string;
  readonly event_id: string;
  readonly event_type: string;
  readonly event_version: number;
  readonly correlation_id: string;
  readonly trace_id?: string;
  readonly handler?: string;
  readonly mode?: string;
  readonly outcome?: string;
  readonly attempt?: number;
  readonly duration_ms?: number;
  readonly dead_letter_id?: string;
  readonly error?: DeadLetterErrorInfo;
}

/** Fields of a line beyond what the event itself gives. */
export type EventLogFields = Omit<EventLogLine, 'event_id' | 'event_type' | 'event_version' | 'correlation_id' | 'trace_id' | 'error'> & {
  readonly error?: unknown;
};

/** Microsecond precision is plenty for a log line and keeps it short. */
const roundMs = (ms: number): number => Math.round(ms * 1000) / 1000;

export function eventLogLine(event: DomainEvent, fields: EventLogFields): EventLogLine {
  const { error, duration_ms, ...rest } = fields;
  const traceId = traceIdOf(event);
  return {
    event_id: event.id,
    event_type: event.type,
    event_version: event.version,
    correlation_id: event.correlationId,
    ...(traceId === undefined ? {} : { trace_id: traceId }),
    ...rest,
    ...(duration_ms === undefined ? {} : { duration_ms: roundMs(duration_ms) }),
    ...(error === undefined ? {} : { error: errorInfo(error) }),
  };
}
