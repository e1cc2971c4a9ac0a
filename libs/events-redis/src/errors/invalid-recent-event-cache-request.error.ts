import { invalidCacheRequestMessage } from '../redis.messages.js';

/**
 * `add` or `recent` got arguments it cannot use: an event type that is not safe to put in a key, or a limit out of
 * range. Raised before any Redis command, so nothing was written or read.
 */
export class InvalidRecentEventCacheRequestError extends Error {
  override readonly name = 'InvalidRecentEventCacheRequestError';

  constructor(
    readonly operation: 'add' | 'recent',
    readonly problems: readonly string[],
  ) {
    super(invalidCacheRequestMessage(operation, problems));
  }
}
