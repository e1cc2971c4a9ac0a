// Every user-facing message of this lib lives here so the wording stays consistent and says how to fix the problem.

const list = (items: readonly string[]): string => items.map((item) => `  - ${item}`).join('\n');
const count = (problems: readonly string[]): string => `${problems.length} problem${problems.length === 1 ? '' : 's'}`;

export const invalidCacheOptionsMessage = (problems: readonly string[]): string =>
  `RedisRecentEventCache options are invalid (${count(problems)}):\n${list(problems)}`;

export const invalidCacheRequestMessage = (operation: string, problems: readonly string[]): string =>
  `RedisRecentEventCache.${operation}: invalid arguments (${count(problems)}); Redis was not called:\n${list(problems)}`;

export const cacheClosedMessage = (operation: string): string =>
  `RedisRecentEventCache.${operation}: the cache is closed. close() is final; create a new RedisRecentEventCache to use the cache again.`;

export const cacheCommandFailedMessage = (operation: string, key: string, cause: unknown): string =>
  `RedisRecentEventCache.${operation} on "${key}" failed: ${cause instanceof Error ? cause.message : String(cause)}. ` +
  'Check that Redis is reachable and responsive; the cache fails fast instead of queueing commands while it is not.';

export const undecodableEntryMessage = (key: string, index: number, cause: unknown): string =>
  `RedisRecentEventCache.recent: entry ${index} of "${key}" is not an event this cache can read ` +
  `(${cause instanceof Error ? cause.message : String(cause)}). Something else wrote to this key, or an incompatible version did; ` +
  `delete it (DEL ${key}) or let it expire, and give each writer its own keyPrefix.`;

export const optionsNotObjectProblem = (): string => 'options must be an object';

export const connectionProblem = (): string =>
  'pass "client" (an ioredis client you own) or "url" (the cache then owns its client), not both';

export const clientProblem = (): string => 'client must be an ioredis Redis instance (an object with multi() and lrange())';

export const urlProblem = (value: unknown): string =>
  `url must be a redis:// or rediss:// URL such as "redis://127.0.0.1:6379", got ${JSON.stringify(value)}`;

export const keyPrefixProblem = (value: unknown, max: number): string =>
  `keyPrefix must be a non-empty string of at most ${max} characters without spaces or control characters, such as "events:recent:", ` +
  `got ${JSON.stringify(value)}`;

export const integerRangeProblem = (option: string, min: number, max: number, value: unknown): string =>
  `${option} must be an integer from ${min} to ${max}, got ${describeValue(value)}`;

export const eventProblem = (value: unknown): string =>
  `event must be a DomainEvent built with createDomainEvent() or a catalog factory, got ${describeValue(value)}`;

export const eventTypeProblem = (option: string, value: unknown): string =>
  `${option} must be dot-separated lower-case segments of letters, digits and "_", such as "book.purchased", got ${describeValue(value)}`;

export const limitProblem = (max: number, value: unknown): string =>
  `limit must be an integer from 1 to ${max} (maxPerType: the cache keeps no more per type), got ${describeValue(value)}`;

/** Renders what was passed in place of something, briefly, for error messages. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value);
  return `${typeof value} ${String(value)}`;
}
