import { invalidCacheOptionsMessage } from '../redis.messages.js';

/** `new RedisRecentEventCache(options)` got options it cannot work with. Lists every problem at once; nothing was connected. */
export class InvalidRedisRecentEventCacheOptionsError extends Error {
  override readonly name = 'InvalidRedisRecentEventCacheOptionsError';

  constructor(readonly problems: readonly string[]) {
    super(invalidCacheOptionsMessage(problems));
  }
}
