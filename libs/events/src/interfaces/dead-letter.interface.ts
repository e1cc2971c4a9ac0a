import type { DomainEvent } from './domain-event.interface.js';

/** The error that made a handler give up, as plain data that survives serialisation. */
export interface DeadLetterErrorInfo {
  /** The error's class name, such as `TypeError` or `NonRetryableError`. */
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
}

/** One (event, handler) pair that exhausted its retries, with everything needed to understand and replay it. */
export interface DeadLetter {
  /** `<event id>.<handler name>`; see `deliveryPairId`. */
  readonly id: string;
  /** The full envelope, exactly as published. */
  readonly event: DomainEvent;
  readonly handler: string;
  /** The queue the pair was delivered from (`'in-process'` for the embedded driver). */
  readonly queue: string;
  readonly error: DeadLetterErrorInfo;
  /** Runs made before giving up. */
  readonly attempts: number;
  /** ISO-8601 times of the first and the last failed run. */
  readonly firstFailedAt: string;
  readonly lastFailedAt: string;
  /** ISO-8601 time the pair entered the dead-letter queue. */
  readonly deadLetteredAt: string;
}

/** Selects dead letters. Every field is optional; set ones must all match. */
export interface DeadLetterFilter {
  readonly eventType?: string;
  readonly handler?: string;
  /** Dead-lettered at or after this time. */
  readonly from?: Date;
  /** Dead-lettered strictly before this time. */
  readonly to?: Date;
}

/** Offset pagination over dead letters, newest first. */
export interface DeadLetterPageRequest {
  /** @default 50, at most 500 */
  readonly limit?: number;
  /** @default 0 */
  readonly offset?: number;
}

export interface DeadLetterPage {
  readonly items: readonly DeadLetter[];
  /** Dead letters matching the filter, across all pages. */
  readonly total: number;
}

/** Jobs per state in one queue of the delivery driver. */
export interface DeliveryQueueCounts {
  readonly queue: string;
  readonly waiting: number;
  readonly active: number;
  readonly delayed: number;
  readonly failed: number;
  readonly dead: number;
}

/**
 * Where pairs that exhausted their retries wait for an operator. Arguments arrive validated (through the
 * `DeadLetters` service), so adapters need not re-check them.
 */
export interface DeadLetterQueue {
  list(filter: DeadLetterFilter, page: Required<DeadLetterPageRequest>): Promise<DeadLetterPage>;
  get(id: string): Promise<DeadLetter | undefined>;
  /**
   * Hands the pair back to its handler with fresh attempts; the dead letter is removed only once that succeeded.
   * Resolves false when no such dead letter exists.
   */
  reprocess(id: string): Promise<boolean>;
  /** Removes one dead letter without running it. Resolves false when it did not exist. */
  remove(id: string): Promise<boolean>;
  /** The ids of every dead letter that matches, newest first. */
  ids(filter: DeadLetterFilter): Promise<string[]>;
}
