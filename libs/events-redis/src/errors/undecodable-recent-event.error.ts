import { undecodableEntryMessage } from '../redis.messages.js';

/** `recent` found an entry under its key that is not a serialized event it can read. `cause` holds the decoding error. */
export class UndecodableRecentEventError extends Error {
  override readonly name = 'UndecodableRecentEventError';

  constructor(
    readonly key: string,
    readonly index: number,
    options: { cause: unknown },
  ) {
    super(undecodableEntryMessage(key, index, options.cause), options);
  }
}
