import 'reflect-metadata';
import { describeDeliveryConformance } from '@webnovel/events/testing';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { after } from 'node:test';
import { BullMqDelivery } from './bullmq.delivery.js';
import { redisConnection, deleteKeysUnder } from './test/redis.fixture.js';

const connection = redisConnection;
const redis = new Redis(connection);
after(() => redis.quit());

/** Every key under a prefix, so each test's queues, dead letters and inbox go away with it. */

const prefixes = new WeakMap<object, string>();
describeDeliveryConformance('BullMQ', {
  create() {
    const prefix = `conformance-${randomUUID().slice(0, 8)}`;
    const delivery = new BullMqDelivery({ connection, prefix, concurrency: 5 });
    prefixes.set(delivery, prefix);
    return delivery;
  },
  async dispose(delivery) {
    await deleteKeysUnder(redis, prefixes.get(delivery)!);
  },
});
