import { eventValidationMessage } from '../events.messages.js';
import type { Violation } from '../interfaces/violation.interface.js';

/** A published event's payload (or envelope) broke its contract. Nothing was dispatched. */
export class EventValidationError extends Error {
  override readonly name = 'EventValidationError';

  constructor(
    readonly eventType: string,
    readonly eventVersion: number,
    readonly violations: readonly Violation[],
  ) {
    super(eventValidationMessage(eventType, eventVersion, violations));
  }
}
