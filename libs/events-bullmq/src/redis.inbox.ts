import type { Redis } from 'ioredis';

/**
 * Completed (event, handler) pairs, one key each with a TTL, so a redelivered copy is skipped. Recorded with SET NX
 * after the handler succeeded: a pair that never completed (a dead letter being reprocessed) is not in it.
 */
export class RedisInbox {
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    private readonly ttlMs: number,
  ) {}

  async has(pairId: string): Promise<boolean> {
    return (await this.redis.exists(this.key(pairId))) === 1;
  }

  async remember(pairId: string): Promise<void> {
    await this.redis.set(this.key(pairId), '1', 'PX', this.ttlMs, 'NX');
  }

  private key(pairId: string): string {
    return `${this.keyPrefix}:${pairId}`;
  }
}
