import { createHash } from 'node:crypto';
import type { DeadLetter, DeadLetterErrorInfo } from '../interfaces/dead-letter.interface.js';
import type { DomainEvent } from '../interfaces/domain-event.interface.js';

const SAFE_ID = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * The stable id of one (event, handler) pair: `<event id>.<handler>`. It is the BullMQ job id and the dead letter's
 * id, so it avoids `:` (BullMQ rejects it in custom ids). Event ids outside `[A-Za-z0-9_-]` are replaced by a hash,
 * which keeps the id deterministic and the first `.` the separator (handler names may hold dots; event ids may not).
 */
export function deliveryPairId(eventId: string, handler: string): string {
  const eventPart = SAFE_ID.test(eventId) ? eventId : `h${createHash('sha256').update(eventId).digest('hex').slice(0, 40)}`;
  return `${eventPart}.${handler}`;
}

/** The shape of a pair id, for validating ids that come from outside. */
export const DELIVERY_PAIR_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}\.[A-Za-z0-9_.-]{1,200}$/;

/** An error as plain data: class name, message and stack. Non-errors are stringified. */
export function errorInfo(error: unknown): DeadLetterErrorInfo {
  if (error instanceof Error) return { name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}) };
  return { name: typeof error, message: String(error) };
}

/** Builds the dead letter of a pair that gave up after `attempts` runs. */
export function buildDeadLetter(init: {
  event: DomainEvent;
  handler: string;
  queue: string;
  error: unknown;
  attempts: number;
  firstFailedAt: Date;
  lastFailedAt: Date;
  deadLetteredAt?: Date;
}): DeadLetter {
  return {
    id: deliveryPairId(init.event.id, init.handler),
    event: init.event,
    handler: init.handler,
    queue: init.queue,
    error: errorInfo(init.error),
    attempts: init.attempts,
    firstFailedAt: init.firstFailedAt.toISOString(),
    lastFailedAt: init.lastFailedAt.toISOString(),
    deadLetteredAt: (init.deadLetteredAt ?? new Date()).toISOString(),
  };
}
