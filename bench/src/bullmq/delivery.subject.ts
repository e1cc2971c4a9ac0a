import type { DomainEvent } from '@webnovel/events';
import type { CompletionCounter } from '../support/completion-counter.js';

/** Events in flight while a throughput round sends, for ours and raw alike. */
export const EVENTS_IN_FLIGHT = 1_000;
/** Jobs per `addBulk` of the raw anchor, and `maxBatch` of our driver (its default). */
export const JOBS_PER_BULK = 500;
/** Jobs each worker runs at once, ours and raw. */
export const WORKER_CONCURRENCY = 100;
/** The queue both sides use, each under its own key prefix: our driver's default name. */
export const QUEUE_NAME = 'domain-events';
export const EVENT_TYPE = 'bench.event';

/** One side of the comparison (our bus + BullMqDelivery, or raw BullMQ), started under its own Redis key prefix. */
export interface DeliverySubject {
  /** Handler (or worker) calls per event: the jobs each event makes. */
  readonly handlers: number;
  /** Hit once per handler or worker call. */
  readonly counter: CompletionCounter;
  /** Sends every event with `EVENTS_IN_FLIGHT` of them in flight; resolves once all their jobs are in Redis. */
  sendAll(events: readonly DomainEvent[]): Promise<void>;
  /** Sends one event; resolves once its jobs are in Redis. */
  sendOne(event: DomainEvent): Promise<void>;
  /** Closes workers, queues and connections, then checks that the last round saw exactly the expected calls. */
  close(): Promise<void>;
}

/** The names of the no-op handlers: `Bench.noop`, or `Bench.noop.0` … for fan-out. */
export function handlerNames(handlers: number): string[] {
  return handlers === 1 ? ['Bench.noop'] : Array.from({ length: handlers }, (_, i) => `Bench.noop.${i}`);
}
