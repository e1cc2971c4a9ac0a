import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { TcpProxy, waitFor, withTimeout } from '@webnovel/testing';
import { Redis } from 'ioredis';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { after, describe, it } from 'node:test';
import { BullMqDelivery } from './bullmq.delivery.js';
import { deleteKeysUnder, redisConnection } from './test/redis.fixture.js';

// The driver warns through Nest's static logger on every connection error; the outages here are on purpose.
Logger.overrideLogger(false);

/** Longest a ping may take to reject while Redis is unreachable: the command timeout plus scheduling slack. */
const COMMAND_TIMEOUT_MS = 500;
const REJECT_WITHIN_MS = COMMAND_TIMEOUT_MS + 1500;

describe('BullMqDelivery.ping (e2e)', () => {
  const redis = new Redis(redisConnection);
  const prefixes: string[] = [];
  /** Run in reverse: let traffic through again first, or closing would wait on Redis. */
  const cleanups: (() => Promise<unknown> | unknown)[] = [];

  after(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    for (const prefix of prefixes) await deleteKeysUnder(redis, prefix);
    await redis.quit();
  });

  async function throughProxy(shared?: 'shared client') {
    const proxy = new TcpProxy(redisConnection.port, redisConnection.host);
    const port = await proxy.start();
    cleanups.push(() => proxy.stop());
    const prefix = `ping-${randomUUID().slice(0, 8)}`;
    prefixes.push(prefix);
    // A shared client keeps ioredis's defaults: an offline queue and no command timeout.
    const client = shared ? new Redis({ host: '127.0.0.1', port, maxRetriesPerRequest: null }) : undefined;
    const delivery = new BullMqDelivery({
      connection: client ?? { host: '127.0.0.1', port },
      prefix,
      workers: false,
      commandTimeoutMs: COMMAND_TIMEOUT_MS,
    });
    cleanups.push(async () => {
      proxy.restore();
      await delivery.close(1000);
      client?.disconnect();
    });
    return { proxy, delivery, port };
  }

  /** Cuts the proxy and waits until a client of our own through it has seen the connection close. */
  async function cut(proxy: TcpProxy, port: number): Promise<void> {
    const observer = new Redis({ host: '127.0.0.1', port, retryStrategy: () => null });
    await observer.ping();
    const closed = once(observer, 'close');
    proxy.cut();
    await withTimeout(closed, 5000, 'the connections through the proxy to close');
    observer.disconnect();
  }

  async function rejectsFast(delivery: BullMqDelivery): Promise<Error> {
    const startedAt = performance.now();
    const outcome = await withTimeout(
      delivery.ping().then(
        () => assert.fail('ping resolved while Redis was unreachable'),
        (error: unknown) => error as Error,
      ),
      REJECT_WITHIN_MS,
      'ping to reject while Redis is unreachable',
    );
    assert.ok(performance.now() - startedAt < REJECT_WITHIN_MS);
    return outcome;
  }

  it('answers while Redis does, rejects fast while it is away, and answers again once it is back', async (t) => {
    const { proxy, delivery, port } = await throughProxy();
    await delivery.ping();
    await cut(proxy, port);
    for (let i = 0; i < 3; i++) t.diagnostic(`ping ${i + 1} during the outage: ${(await rejectsFast(delivery)).message}`);
    proxy.restore();
    await waitFor(() => delivery.ping().then(() => true), { timeoutMs: 15_000, description: 'ping to answer after the outage' });
  });

  it('rejects within commandTimeoutMs on a shared client that would queue the command while reconnecting', async () => {
    const { proxy, delivery, port } = await throughProxy('shared client');
    await delivery.ping();
    await cut(proxy, port);
    const error = await rejectsFast(delivery);
    assert.equal(error.message, 'Command timed out');
    proxy.restore();
    await waitFor(() => delivery.ping().then(() => true), { timeoutMs: 15_000, description: 'ping to answer after the outage' });
  });

  it('rejects once the delivery is closed', async () => {
    const { delivery } = await throughProxy();
    await delivery.ping();
    await delivery.close(1000);
    await assert.rejects(withTimeout(delivery.ping(), REJECT_WITHIN_MS, 'ping after close'), /Connection is closed/);
  });
});
