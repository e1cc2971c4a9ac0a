import { cacheClosedMessage } from '../redis.messages.js';

/** `add` or `recent` was called after `close()`. Nothing was sent to Redis. */
export class RecentEventCacheClosedError extends Error {
  override readonly name = 'RecentEventCacheClosedError';

  constructor(readonly operation: 'add' | 'recent') {
    super(cacheClosedMessage(operation));
  }
}
