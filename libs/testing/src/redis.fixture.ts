import type { Redis } from 'ioredis';

/** The local Redis the e2e tests run against; REDIS_HOST / REDIS_PORT point elsewhere. */
export const redisConnection = { host: process.env.REDIS_HOST ?? '127.0.0.1', port: Number(process.env.REDIS_PORT ?? 6379) };

/** Deletes every key under a prefix (`<prefix>:*`), so a test's queues, dead letters and inbox go away with it. */
export async function deleteKeysUnder(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}
