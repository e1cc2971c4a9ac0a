import 'reflect-metadata';
import { describeDeliveryConformance } from '@webnovel/events/testing';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { after } from 'node:test';
import { BullMqDelivery } from './bullmq.delivery.js';

const connection = { host: process.env.REDIS_HOST ?? '127.0.0.1', port: Number(process.env.REDIS_PORT ?? 6379) };
const redis = new Redis(connection);
after(() => redis.quit());

/** Every key under a prefix, so each test's queues, dead letters and inbox go away with it. */
async function deletePrefix(prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

const prefixes = new WeakMap<object, string>();
describeDeliveryConformance('BullMQ', {
  create() {
    const prefix = `conformance-${randomUUID().slice(0, 8)}`;
    const delivery = new BullMqDelivery({ connection, prefix, concurrency: 5 });
    prefixes.set(delivery, prefix);
    return delivery;
  },
  async dispose(delivery) {
    await deletePrefix(prefixes.get(delivery)!);
  },
});
