import type { DomainEvent } from './domain-event.interface.js';
import type { DeliveryOutcome } from './event-delivery.interface.js';
import type { HandlerMode } from './handler.interface.js';
import type { TransportRecord } from './event-transport.interface.js';

/**
 * How one handler run ended. `failure` is a run nothing will retry: a sync handler whose error went to the publisher,
 * or an async run given up on at shutdown. `retried` and `dead_lettered` are async runs the driver took over.
 */
export type HandleOutcome = DeliveryOutcome | 'failure';

/** One `publish` of one event, as the publisher saw it. */
export interface PublishRecord {
  /** The prepared event; unset when the publish was rejected before preparation finished (a bad envelope, payload or type). */
  readonly event?: DomainEvent;
  /** The event's type, or `'invalid'` when the input had no sound type; safe as a metric label. */
  readonly type: string;
  /** From the call until the log append, the sync handlers and the hand-off to delivery settled. */
  readonly durationMs: number;
  /** Set when the publish rejected: validation, the store, or failed sync handlers. */
  readonly error?: unknown;
  /** When it settled, in epoch milliseconds, read from the monotonic clock the duration came from. */
  readonly at: number;
}

/** One settled handler run, sync or async. */
export interface HandleRecord {
  readonly handler: string;
  readonly mode: HandlerMode;
  readonly event: DomainEvent;
  readonly outcome: HandleOutcome;
  readonly attempt: number;
  /** Wall time of the run; 0 when the handler did not run (`skipped_duplicate`, an unknown handler's dead letter). */
  readonly durationMs: number;
  readonly error?: unknown;
  /** When it settled, in epoch milliseconds, read from the monotonic clock the duration came from. */
  readonly at: number;
}

/** One round trip to the event store's append. */
export interface StoreAppendRecord {
  /** The store adapter's class name. */
  readonly store: string;
  readonly count: number;
  readonly durationMs: number;
  readonly error?: unknown;
  /** When it settled, in epoch milliseconds. */
  readonly at: number;
}

/**
 * Receives what the bus does, for metrics, logs and statistics. Observers run synchronously on the publish and
 * delivery paths, so keep them cheap; an observer that throws is logged once and the event flow goes on.
 * Register one with `EventsInstrumentation.observe`.
 */
export interface EventsObserver {
  published?(record: PublishRecord): void;
  handled?(record: HandleRecord): void;
  appended?(record: StoreAppendRecord): void;
  /** A message published to, consumed from or dead-lettered by the transport. */
  transported?(record: TransportRecord): void;
}
