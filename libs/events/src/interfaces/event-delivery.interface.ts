import type { DomainEvent } from './domain-event.interface.js';
import type { RetryPolicy } from '../retry/retry-policy.js';
import type { DeadLetter, DeadLetterQueue, DeliveryQueueCounts } from './dead-letter.interface.js';
import type { HandlerContext, RegisteredHandler } from './handler.interface.js';

/** How one handler run ended, as a delivery driver reports it. */
export type DeliveryOutcome = 'success' | 'retried' | 'dead_lettered' | 'skipped_duplicate';

/** One settled handler run. */
export interface DeliveryRecord {
  readonly handler: string;
  readonly event: DomainEvent;
  readonly outcome: DeliveryOutcome;
  readonly attempt: number;
  /** Wall time of the handler run; 0 when the handler was not run (`skipped_duplicate`). */
  readonly durationMs: number;
  readonly error?: unknown;
}

/** What a delivery driver may call back into. Given to `start`. */
export interface DeliveryHost {
  /** Looks a handler up by its stable name, for jobs that outlive the process that enqueued them. */
  handler(name: string): RegisteredHandler | undefined;
  /**
   * Turns an event read back from outside the process (a queued job, a dead letter) into an envelope again, with
   * its payload rebuilt through the catalog.
   * @throws InvalidEventEnvelopeError when it is not a sound envelope
   */
  revive(input: string | object): DomainEvent;
  /** Runs one handler on one event with the given context; rejects with whatever the handler threw. */
  run(handler: RegisteredHandler, event: DomainEvent, context: HandlerContext): Promise<void>;
  /** The handler's retry policy: the module defaults with its `@OnDomainEvent({ retry })` overrides. */
  retryPolicy(handler: RegisteredHandler): RetryPolicy;
  /** Records how a run ended, for statistics (and metrics later). */
  record(record: DeliveryRecord): void;
  /** Reports a pair given up on without a dead letter (at shutdown): logged with its stack and emitted on `unhandledErrors$`. */
  reportFailure(handler: RegisteredHandler, event: DomainEvent, error: unknown, attempt: number): void;
  /**
   * Reports a pair the driver dead-lettered: counted as `dead_lettered`, logged with its stack and emitted on
   * `unhandledErrors$` with the dead letter. `durationMs` is the last run's, 0 when the handler did not run.
   */
  deadLettered(letter: DeadLetter, error: unknown, durationMs: number): void;
}

/** A run that already failed once outside the driver (a sync handler, with `syncFailures: 'retry'`). */
export interface PriorFailure {
  readonly error: unknown;
  /** Runs already made; the driver continues from the next one. */
  readonly attempts: number;
  readonly firstFailedAt: Date;
}

/**
 * The port that runs async handlers off the publisher's path: in-process by default, BullMQ jobs with
 * `@webnovel/events-bullmq`. Each (event, handler) pair is delivered, retried and dead-lettered on its own.
 */
export interface EventDelivery {
  /** Called once handlers are discovered, before the first `deliver`. */
  start(host: DeliveryHost): Promise<void> | void;
  /**
   * Hands the event to each handler. Resolves once the delivery is accepted (durably, for a durable driver),
   * not when handlers finish. Delivering the same (event, handler) pair again while it is pending is a no-op.
   */
  deliver(event: DomainEvent, handlers: readonly RegisteredHandler[]): Promise<void>;
  /** Takes over a pair that already failed elsewhere: retries it after the policy's delay, or dead-letters it. */
  retry(event: DomainEvent, handler: RegisteredHandler, failure: PriorFailure): Promise<void>;
  /** Stops accepting work and waits up to `timeoutMs` for in-flight handler runs. Must be idempotent. */
  close(timeoutMs: number): Promise<void>;
  /** Pairs that exhausted their retries. */
  readonly deadLetters: DeadLetterQueue;
  /** Jobs per state in each queue the driver uses. */
  counts(): Promise<DeliveryQueueCounts[]>;
  /**
   * A cheap round trip to the driver's backend (Redis for BullMQ), for health checks; rejects when it does not
   * answer. Optional: the in-process driver has no backend.
   */
  ping?(): Promise<void>;
}
