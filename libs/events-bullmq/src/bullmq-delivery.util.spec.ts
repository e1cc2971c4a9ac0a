import { TcpProxy, withTimeout } from '@webnovel/testing';
import { Redis } from 'ioredis';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pingRedis } from './bullmq-delivery.util.js';

// No Redis needed: these are the cases where none answers.
describe('pingRedis', () => {
  it('rejects within its timeout while the client is not handed out yet (BullMQ still connecting)', async () => {
    const startedAt = performance.now();
    await assert.rejects(
      withTimeout(pingRedis(new Promise(() => undefined), 50), 2000, 'the ping to time out'),
      /^Error: Command timed out$/,
    );
    assert.ok(performance.now() - startedAt >= 45);
  });

  it('rejects within its timeout on a client that queues commands while it cannot connect', async () => {
    // A port that accepts and drops every connection, as a crashed Redis behind a load balancer would.
    const proxy = new TcpProxy(1);
    const port = await proxy.start();
    proxy.cut();
    const client = new Redis({ host: '127.0.0.1', port, lazyConnect: true, retryStrategy: () => 20 });
    client.on('error', () => undefined);
    try {
      await assert.rejects(withTimeout(pingRedis(Promise.resolve(client), 100), 2000, 'the ping to time out'), /Command timed out/);
      assert.ok(client.status !== 'ready');
    } finally {
      client.disconnect();
      await proxy.stop();
    }
  });
});
