import type { EventCatalog } from '@webnovel/events';
import type { Redis, RedisOptions } from 'ioredis';
import {
  clientProblem,
  connectionProblem,
  integerRangeProblem,
  keyPrefixProblem,
  optionsNotObjectProblem,
  urlProblem,
} from './redis.messages.js';
import { catalogOptionProblems, unknownOptionProblem } from '@webnovel/events/internal';

/** Options of `RedisRecentEventCache`. Pass at most one of `client` and `url`. */
export interface RedisRecentEventCacheOptions {
  /**
   * A client the caller owns: the cache uses it as configured and leaves it open on `close()`. Build it with
   * `FAIL_FAST_REDIS_OPTIONS` unless you want commands to wait while Redis is down. An ioredis `keyPrefix` set on
   * the client applies in front of this cache's own `keyPrefix`.
   */
  readonly client?: Redis;
  /**
   * Where to connect when the cache should own its client (closed by `close()`). That client uses
   * `FAIL_FAST_REDIS_OPTIONS`, so an unreachable Redis rejects `add` and `recent` promptly.
   * @default 'redis://127.0.0.1:6379' when `client` is not set either
   */
  readonly url?: string;
  /** Prepended to the event type to make each type's list key. Give each application its own. @default 'events:recent:' */
  readonly keyPrefix?: string;
  /** Events kept per type; `add` trims older ones in the same round trip. @default 100 */
  readonly maxPerType?: number;
  /**
   * Seconds a type's list lives after its last `add`, so types nobody publishes any more do not stay in Redis forever.
   * @default 86400 (one day)
   */
  readonly ttlSeconds?: number;
  /** Revives `data` as an instance of its payload class (with its Dates) on `recent`. @default plain JSON objects */
  readonly catalog?: EventCatalog;
}

/** The options after defaults. */
export interface ResolvedRedisRecentEventCacheOptions {
  readonly client: Redis | undefined;
  readonly url: string;
  readonly keyPrefix: string;
  readonly maxPerType: number;
  readonly ttlSeconds: number;
  readonly catalog: EventCatalog | undefined;
}

/** Redis the cache connects to when given neither `client` nor `url`. */
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
/** Key prefix when `keyPrefix` is not set. */
export const DEFAULT_KEY_PREFIX = 'events:recent:';
/** Events kept per type when `maxPerType` is not set. */
export const DEFAULT_MAX_PER_TYPE = 100;
/** Lifetime of a type's list after its last `add` when `ttlSeconds` is not set: one day. */
export const DEFAULT_TTL_SECONDS = 86_400;
/** A larger list makes every `recent` read (and its decoding) big enough to hurt; use the event store for history. */
export const MAX_PER_TYPE = 10_000;
/** Redis stores expiry in milliseconds since the epoch; this keeps any TTL far from overflow and still allows decades. */
export const MAX_TTL_SECONDS = 2_147_483_647;
/** Keys stay readable in `redis-cli` and far below Redis' key size limit. */
export const MAX_KEY_PREFIX_LENGTH = 200;

/**
 * How the cache builds the clients it owns, and what to pass when building your own: a cache that cannot reach Redis
 * should fail its call promptly so the caller (the EventBus) can log and move on, rather than buffer events in memory
 * for as long as Redis is down.
 * - `enableOfflineQueue: false`: a command sent while disconnected rejects at once instead of waiting for a reconnect.
 * - `commandTimeout`: a command sent to a Redis that stopped answering rejects after 1 s.
 * - `maxRetriesPerRequest: 1`: commands in flight when the connection dropped are failed after one reconnect attempt.
 * - `connectTimeout`: a connection attempt to an unresponsive host gives up after 2 s.
 * - `lazyConnect`: nothing connects before the first call, which waits for the connection (bounded by `connectTimeout`)
 *   instead of racing it and failing because the offline queue is off.
 */
export const FAIL_FAST_REDIS_OPTIONS: Readonly<RedisOptions> = Object.freeze({
  enableOfflineQueue: false,
  commandTimeout: 1_000,
  maxRetriesPerRequest: 1,
  connectTimeout: 2_000,
  lazyConnect: true,
});

const KNOWN_OPTIONS = ['client', 'url', 'keyPrefix', 'maxPerType', 'ttlSeconds', 'catalog'] as const;

/** Lists every problem of the options, so one error names them all. */
export function redisRecentEventCacheOptionsProblems(options: unknown): string[] {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) return [optionsNotObjectProblem()];
  const o = options as Record<string, unknown>;
  const problems: string[] = [];
  // A misspelt option would otherwise silently fall back to its default.
  for (const name of Object.keys(o)) {
    if (!(KNOWN_OPTIONS as readonly string[]).includes(name)) problems.push(unknownOptionProblem(name, KNOWN_OPTIONS));
  }
  if (o.client !== undefined && o.url !== undefined) problems.push(connectionProblem());
  if (o.client !== undefined && !isClientLike(o.client)) problems.push(clientProblem());
  if (o.url !== undefined && !isRedisUrl(o.url)) problems.push(urlProblem(o.url));
  if (o.keyPrefix !== undefined && !isKeyPrefix(o.keyPrefix)) problems.push(keyPrefixProblem(o.keyPrefix, MAX_KEY_PREFIX_LENGTH));
  if (o.maxPerType !== undefined && !isIntegerIn(o.maxPerType, 1, MAX_PER_TYPE)) {
    problems.push(integerRangeProblem('maxPerType', 1, MAX_PER_TYPE, o.maxPerType));
  }
  if (o.ttlSeconds !== undefined && !isIntegerIn(o.ttlSeconds, 1, MAX_TTL_SECONDS)) {
    problems.push(integerRangeProblem('ttlSeconds', 1, MAX_TTL_SECONDS, o.ttlSeconds));
  }
  problems.push(...catalogOptionProblems(o.catalog));
  return problems;
}

/** Applies the defaults to options that passed validation. */
export function resolveRedisRecentEventCacheOptions(options: RedisRecentEventCacheOptions): ResolvedRedisRecentEventCacheOptions {
  return {
    client: options.client,
    url: options.url ?? DEFAULT_REDIS_URL,
    keyPrefix: options.keyPrefix ?? DEFAULT_KEY_PREFIX,
    maxPerType: options.maxPerType ?? DEFAULT_MAX_PER_TYPE,
    ttlSeconds: options.ttlSeconds ?? DEFAULT_TTL_SECONDS,
    catalog: options.catalog,
  };
}

/** Whether `value` is an integer in `[min, max]`. */
export function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
}

function isClientLike(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  const c = value as { multi?: unknown; lrange?: unknown };
  return typeof c.multi === 'function' && typeof c.lrange === 'function';
}

function isRedisUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'redis:' || url.protocol === 'rediss:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function isKeyPrefix(value: unknown): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must be refused
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_KEY_PREFIX_LENGTH && !/[\s\u0000-\u001f\u007f]/.test(value);
}
