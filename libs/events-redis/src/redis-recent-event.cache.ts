import { deserializeEvent, serializeEvent, type DomainEvent, type EventCatalog, type RecentEventCache } from '@webnovel/events';
import { EVENT_TYPE_PATTERN } from '@webnovel/events/internal';
import { Redis } from 'ioredis';
import { InvalidRecentEventCacheRequestError } from './errors/invalid-recent-event-cache-request.error.js';
import { InvalidRedisRecentEventCacheOptionsError } from './errors/invalid-redis-recent-event-cache-options.error.js';
import { RecentEventCacheClosedError } from './errors/recent-event-cache-closed.error.js';
import { RecentEventCacheUnavailableError } from './errors/recent-event-cache-unavailable.error.js';
import { UndecodableRecentEventError } from './errors/undecodable-recent-event.error.js';
import {
  FAIL_FAST_REDIS_OPTIONS,
  isIntegerIn,
  redisRecentEventCacheOptionsProblems,
  resolveRedisRecentEventCacheOptions,
  type RedisRecentEventCacheOptions,
  type ResolvedRedisRecentEventCacheOptions,
} from './redis-recent-event-cache.options.js';
import { eventProblem, eventTypeProblem, limitProblem } from './redis.messages.js';

/**
 * The latest events of each type in Redis (seed 3.3), for "recent events of type X" reads that never touch the event
 * store. Each type is one list under `keyPrefix + type`, newest first: `add` pushes, trims to `maxPerType` and renews
 * the TTL in one MULTI transaction, so the list never grows past its bound and a type nobody publishes any more
 * expires. "Newest" is the order in which `add` reached Redis, not `occurredAt`.
 *
 * Every method rejects on a Redis failure ({@link RecentEventCacheUnavailableError}) rather than hiding it: the
 * EventBus decides to log, count and carry on. A client the cache creates fails fast (see `FAIL_FAST_REDIS_OPTIONS`):
 * during an outage a call rejects at once, or within a few seconds when Redis hangs, instead of buffering events in
 * memory until Redis is back.
 *
 * @example
 * const cache = new RedisRecentEventCache({ url: process.env.REDIS_URL, catalog });
 * await cache.add(event);
 * const latest = await cache.recent('book.purchased', 10);
 */
export class RedisRecentEventCache implements RecentEventCache {
  /** The client the cache talks through: the one passed in, or the one it created (and quits on `close()`). */
  readonly client: Redis;
  private readonly options: ResolvedRedisRecentEventCacheOptions;
  private readonly ownsClient: boolean;
  private connecting: Promise<void> | undefined;
  private catalog: EventCatalog | undefined;
  private closing: Promise<void> | undefined;

  /** @throws InvalidRedisRecentEventCacheOptionsError listing every problem of `options`; nothing is connected then */
  constructor(options: RedisRecentEventCacheOptions = {}) {
    const problems = redisRecentEventCacheOptionsProblems(options);
    if (problems.length > 0) throw new InvalidRedisRecentEventCacheOptionsError(problems);
    this.options = resolveRedisRecentEventCacheOptions(options);
    this.catalog = this.options.catalog;
    this.ownsClient = this.options.client === undefined;
    this.client = this.options.client ?? new Redis(this.options.url, { ...FAIL_FAST_REDIS_OPTIONS });
    // Failures reach callers as rejected calls; without a listener ioredis would also print every failed reconnect.
    if (this.ownsClient) this.client.on('error', () => undefined);
  }

  /** Revives payloads read back through `catalog`, unless the constructor was given one. `EventsModule` calls it. */
  bindCatalog(catalog: EventCatalog): void {
    this.catalog ??= catalog;
  }

  /** The Redis key of `type`'s list, for operators and tests. */
  keyFor(type: string): string {
    return this.options.keyPrefix + type;
  }

  /**
   * Remembers `event` as the newest of its type, dropping the oldest beyond `maxPerType`.
   *
   * @throws InvalidRecentEventCacheRequestError when the event or its type is unusable; Redis is not called
   * @throws RecentEventCacheClosedError after `close()`
   * @throws RecentEventCacheUnavailableError when Redis fails or cannot be reached
   */
  async add(event: DomainEvent): Promise<void> {
    const problems = addProblems(event);
    if (problems.length > 0) throw new InvalidRecentEventCacheRequestError('add', problems);
    if (this.closing) throw new RecentEventCacheClosedError('add');
    const key = this.keyFor(event.type);
    const entry = serializeEvent(event);
    await this.run('add', key, async () => {
      const replies = await this.client
        .multi()
        .lpush(key, entry)
        .ltrim(key, 0, this.options.maxPerType - 1)
        .expire(key, this.options.ttlSeconds)
        .exec();
      // null means the transaction was discarded (a WATCH on this connection by someone else): nothing was written.
      if (replies === null) throw new Error('the MULTI transaction was aborted');
      for (const [error] of replies) if (error) throw error;
    });
  }

  /**
   * The newest events of `type`, newest first. With a catalog, `data` is an instance of its payload class again.
   *
   * @param limit how many at most @default maxPerType
   * @throws InvalidRecentEventCacheRequestError when `type` or `limit` is unusable; Redis is not called
   * @throws RecentEventCacheClosedError after `close()`
   * @throws RecentEventCacheUnavailableError when Redis fails or cannot be reached
   * @throws UndecodableRecentEventError when an entry under the key is not an event this cache wrote
   */
  async recent(type: string, limit: number = this.options.maxPerType): Promise<DomainEvent[]> {
    const problems: string[] = [];
    if (!isEventType(type)) problems.push(eventTypeProblem('type', type));
    if (!isIntegerIn(limit, 1, this.options.maxPerType)) problems.push(limitProblem(this.options.maxPerType, limit));
    if (problems.length > 0) throw new InvalidRecentEventCacheRequestError('recent', problems);
    if (this.closing) throw new RecentEventCacheClosedError('recent');
    const key = this.keyFor(type);
    const entries = await this.run('recent', key, () => this.client.lrange(key, 0, limit - 1));
    return entries.map((entry, index) => {
      try {
        return deserializeEvent(entry, this.catalog);
      } catch (cause) {
        throw new UndecodableRecentEventError(key, index, { cause });
      }
    });
  }

  /** Quits the client if the cache created it; a client passed in stays open. Idempotent; later calls are refused. */
  close(): Promise<void> {
    this.closing ??= this.ownsClient ? this.closeOwnedClient() : Promise.resolve();
    return this.closing;
  }

  private async run<T>(operation: 'add' | 'recent', key: string, command: () => Promise<T>): Promise<T> {
    try {
      await this.connected();
      return await command();
    } catch (cause) {
      throw new RecentEventCacheUnavailableError(operation, key, { cause });
    }
  }

  /**
   * Connects a lazy client on first use and lets concurrent first calls share that attempt. Without it, a call made
   * while the connection is still being set up would fail at once, because fail-fast clients have no offline queue.
   * Later outages are not waited for: ioredis reconnects in the background and calls fail until it has.
   */
  private async connected(): Promise<void> {
    if (this.client.status === 'wait') {
      this.connecting ??= this.client.connect().finally(() => {
        this.connecting = undefined;
      });
    }
    if (this.connecting) await this.connecting;
  }

  private async closeOwnedClient(): Promise<void> {
    // QUIT lets replies already on their way arrive; it needs a live connection, otherwise drop the socket and stop
    // reconnecting.
    if (this.client.status === 'ready') {
      try {
        await this.client.quit();
        return;
      } catch {
        // The connection died meanwhile: fall through and make sure no reconnect is pending.
      }
    }
    if (this.client.status !== 'end') this.client.disconnect();
  }
}

/** The type becomes part of a key, so it is checked even though the bus validated the envelope already. */
function addProblems(event: unknown): string[] {
  if (event === null || typeof event !== 'object') return [eventProblem(event)];
  const type = (event as { type?: unknown }).type;
  return isEventType(type) ? [] : [eventTypeProblem('event.type', type)];
}

function isEventType(value: unknown): value is string {
  return typeof value === 'string' && EVENT_TYPE_PATTERN.test(value);
}
