import { cacheCommandFailedMessage } from '../redis.messages.js';

/**
 * Redis did not carry out an `add` or `recent`: it is unreachable, timed out, or refused the command (for example a
 * key of another type under this cache's prefix). `cause` holds the ioredis error. After a failed `add` the event may
 * not be cached; the cache stays usable and the next call tries again.
 */
export class RecentEventCacheUnavailableError extends Error {
  override readonly name = 'RecentEventCacheUnavailableError';

  constructor(
    readonly operation: 'add' | 'recent',
    readonly key: string,
    options: { cause: unknown },
  ) {
    super(cacheCommandFailedMessage(operation, key, options.cause), options);
  }
}
