import type { DomainEvent } from '@webnovel/events';
import type { CompletionCounter } from '../support/completion-counter.js';

/** Publishes in flight during a throughput round, ours and raw alike. */
export const PUBLISHES_IN_FLIGHT = 1_000;
/** Events per `publish` call on the batch side: PUBLISHES_IN_FLIGHT / BATCH_SIZE calls in flight, same messages in flight. */
export const BATCH_SIZE = 100;
/** basic.qos of both consumers, and messages handled at once (the transport's defaults). */
export const PREFETCH = 100;
export const CONCURRENCY = 50;
export const EVENT_TYPE = 'bench.event';

/** One side of the comparison, on its own exchange and queue. */
export interface TransportSubject {
  /** Hit once per message consumed. */
  readonly counter: CompletionCounter;
  /** Publishes one event; resolves once the broker confirmed it. */
  sendOne(event: DomainEvent): Promise<void>;
  /** Publishes several; resolves once the broker confirmed them all. */
  sendBatch(events: readonly DomainEvent[]): Promise<void>;
  /** Closes consumer, publisher and connection, deletes the queue and exchange, then checks the last round's count. */
  close(): Promise<void>;
}
