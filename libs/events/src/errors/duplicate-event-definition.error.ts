import { duplicateDefinitionMessage } from '../events.messages.js';

/** The catalog got two payload classes for the same (type, version). */
export class DuplicateEventDefinitionError extends Error {
  override readonly name = 'DuplicateEventDefinitionError';

  constructor(
    readonly eventType: string,
    readonly eventVersion: number,
  ) {
    super(duplicateDefinitionMessage(eventType, eventVersion));
  }
}
