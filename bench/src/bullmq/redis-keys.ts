import { Redis, type RedisOptions } from 'ioredis';

/** A connection for the bench's own housekeeping that fails fast instead of retrying while Redis is away. */
export async function connectAdmin(connection: RedisOptions): Promise<Redis> {
  const redis = new Redis({ ...connection, lazyConnect: true, connectTimeout: 3_000, maxRetriesPerRequest: 1, retryStrategy: () => null });
  // Failures reach the caller through the rejected command; without a listener ioredis would also print them.
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    throw new Error(`no Redis at ${connection.host}:${connection.port} (set REDIS_HOST / REDIS_PORT)`, { cause: error });
  }
  return redis;
}

/** `Redis 7.0.15, save="", appendonly=no, maxmemory-policy=noeviction, on 127.0.0.1:6379`. */
export async function describeRedis(redis: Redis, connection: RedisOptions): Promise<string> {
  const info = await redis.info('server');
  const version = /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
  const setting = async (name: string): Promise<string> => {
    try {
      const [, value] = (await redis.config('GET', name)) as [string, string];
      return value ?? '?';
    } catch {
      return '?';
    }
  };
  const [save, appendonly, eviction] = [await setting('save'), await setting('appendonly'), await setting('maxmemory-policy')];
  return `Redis ${version}, save="${save}", appendonly=${appendonly}, maxmemory-policy=${eviction}, on ${connection.host}:${connection.port}`;
}

/** Deletes every key that starts with `prefix` (SCAN + DEL, in pages); returns how many were deleted. */
export async function deleteKeys(redis: Redis, prefix: string): Promise<number> {
  if (!/^[A-Za-z0-9_.-]+$/.test(prefix)) throw new Error(`refusing to delete keys under ${JSON.stringify(prefix)}`);
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1_000);
    if (keys.length > 0) deleted += await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}
