// Public API of @webnovel/events-redis: Redis adapters for @webnovel/events. The only package of the repo that imports `ioredis`.
export { RedisRecentEventCache } from './redis-recent-event.cache.js';
export {
  DEFAULT_KEY_PREFIX,
  DEFAULT_MAX_PER_TYPE,
  DEFAULT_REDIS_URL,
  DEFAULT_TTL_SECONDS,
  FAIL_FAST_REDIS_OPTIONS,
  MAX_KEY_PREFIX_LENGTH,
  MAX_PER_TYPE,
  MAX_TTL_SECONDS,
  redisRecentEventCacheOptionsProblems,
  type RedisRecentEventCacheOptions,
} from './redis-recent-event-cache.options.js';
export { InvalidRedisRecentEventCacheOptionsError } from './errors/invalid-redis-recent-event-cache-options.error.js';
export { InvalidRecentEventCacheRequestError } from './errors/invalid-recent-event-cache-request.error.js';
export { RecentEventCacheClosedError } from './errors/recent-event-cache-closed.error.js';
export { RecentEventCacheUnavailableError } from './errors/recent-event-cache-unavailable.error.js';
export { UndecodableRecentEventError } from './errors/undecodable-recent-event.error.js';
