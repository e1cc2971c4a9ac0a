import {
  downcastMessage,
  eventVersioningMessage,
  invalidUpcasterMessage,
  upcastFailedMessage,
  upcasterMissingMessage,
} from '../events.messages.js';
import type { Violation } from '../interfaces/violation.interface.js';
import { NonRetryableError } from './non-retryable.error.js';

/** `defineUpcaster` got two definitions it cannot join: another type, or versions that are not n and n + 1. */
export class InvalidUpcasterError extends Error {
  override readonly name = 'InvalidUpcasterError';

  constructor(readonly problems: readonly string[]) {
    super(invalidUpcasterMessage(problems));
  }
}

/**
 * At bootstrap (or `subscribe`): some registered version of a type cannot reach the version a handler needs, because
 * an upcaster is missing or the handler wants an older version than one that is registered. Lists every problem.
 */
export class EventVersioningError extends Error {
  override readonly name = 'EventVersioningError';

  constructor(readonly problems: readonly string[]) {
    super(eventVersioningMessage(problems));
  }
}

/**
 * An event is newer than the version its handler takes. Events are never downcast; the run goes straight to the
 * dead-letter queue. Bootstrap rules this out for registered versions, so it means an event from a producer with a
 * newer catalog than this application's.
 */
export class DowncastNotSupportedError extends NonRetryableError {
  override readonly name = 'DowncastNotSupportedError';

  constructor(
    readonly eventType: string,
    readonly eventVersion: number,
    readonly handlerVersion: number,
    readonly handler: string,
  ) {
    super(downcastMessage(eventType, eventVersion, handlerVersion, handler));
  }
}

/** No upcaster leads from the event's version to the one its handler takes; the run is dead-lettered, not retried. */
export class UpcasterMissingError extends NonRetryableError {
  override readonly name = 'UpcasterMissingError';

  constructor(
    readonly eventType: string,
    readonly fromVersion: number,
    readonly toVersion: number,
  ) {
    super(upcasterMissingMessage(eventType, fromVersion, toVersion));
  }
}

/** An upcaster threw, or gave a payload the target version's class rejects; the run is dead-lettered, not retried. */
export class UpcastFailedError extends NonRetryableError {
  override readonly name = 'UpcastFailedError';

  constructor(
    readonly eventType: string,
    readonly fromVersion: number,
    readonly toVersion: number,
    readonly violations: readonly Violation[],
    options?: { cause?: unknown },
  ) {
    super(upcastFailedMessage(eventType, fromVersion, toVersion, violations, options?.cause), options);
  }
}
