import { invalidEnvelopeMessage } from '../events.messages.js';
import type { Violation } from '../interfaces/violation.interface.js';

/** An object that claims to be a `DomainEvent` lacks a required envelope field or has one of the wrong kind. */
export class InvalidEventEnvelopeError extends Error {
  override readonly name = 'InvalidEventEnvelopeError';

  constructor(readonly violations: readonly Violation[]) {
    super(invalidEnvelopeMessage(violations));
  }
}
