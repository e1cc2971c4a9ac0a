import { unknownEventTypeMessage, unknownEventVersionMessage } from '../events.messages.js';

/** The catalog has no definition for the type, and the module does not allow unknown types. */
export class UnknownEventTypeError extends Error {
  override readonly name = 'UnknownEventTypeError';

  constructor(readonly eventType: string) {
    super(unknownEventTypeMessage(eventType));
  }
}

/** The catalog knows the type but not this version of it. */
export class UnknownEventVersionError extends Error {
  override readonly name = 'UnknownEventVersionError';

  constructor(
    readonly eventType: string,
    readonly eventVersion: number,
    readonly knownVersions: readonly number[],
  ) {
    super(unknownEventVersionMessage(eventType, eventVersion, knownVersions));
  }
}
