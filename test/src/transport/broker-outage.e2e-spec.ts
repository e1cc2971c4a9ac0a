// A broker outage as the publishing process sees it, across processes: a TcpProxy in this (the parent) process sits
// between the publisher and RabbitMQ and is cut while a stream of publishes runs, then restored. The broker itself
// keeps running (libs/events-rabbitmq's broker-restart e2e test covers a real restart; others benchmark against it).
// The publisher has no store, so a publish the broker did not confirm rejects with EventTransportUnavailableError.
// The consumer runs the production config, async handlers on BullMqDelivery, so it handles each event once in effect.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TcpProxy, waitFor } from '@webnovel/testing';
import type { StreamResult, StreamStatus } from './service-protocol.js';
import { createScope, duplicates, effects, rabbitPort, tally, type TestScope } from './transport-fixture.js';

const PUBLISH_TIMEOUT_MS = 2_000;

describe('a broker outage between a publishing process and RabbitMQ', { timeout: 120_000 }, () => {
  let scope: TestScope;
  const proxy = new TcpProxy(rabbitPort);
  before(async () => {
    scope = await createScope('outage');
    await proxy.start();
  });
  after(async () => {
    await scope.dispose();
    await proxy.stop();
  });

  it('rejects publishes during the cut promptly; every confirmed one is delivered once after recovery', async (t) => {
    const [bookstore] = await Promise.all([
      scope.start({
        service: 'bookstore',
        instance: 'bookstore-1',
        url: scope.url(proxy.port),
        rabbit: { publishTimeoutMs: PUBLISH_TIMEOUT_MS },
      }),
      scope.start({ service: 'finance', instance: 'finance-1', handlers: [{ type: 'book.purchased', mode: 'async', name: 'onPurchase' }] }),
    ]);
    const status = () => bookstore.request<StreamStatus>({ cmd: 'streamStatus' });
    await bookstore.request({ cmd: 'stream', pauseMs: 5 });
    let result: StreamResult;
    let outageMs: number;
    try {
      await waitFor(async () => (await effects(scope)).size >= 20, { timeoutMs: 15_000, description: 'events flowing before the cut' });
      const cutAt = Date.now();
      proxy.cut();
      try {
        await waitFor(async () => (await status()).rejected >= 50, { timeoutMs: 15_000, description: 'publishes rejected during the cut' });
      } finally {
        proxy.restore();
        outageMs = Date.now() - cutAt;
      }
      const atRestore = (await status()).confirmed;
      await waitFor(async () => (await status()).confirmed >= atRestore + 20, {
        timeoutMs: 30_000,
        description: 'publishes confirmed after the proxy was restored',
      });
    } finally {
      result = await bookstore.request<StreamResult>({ cmd: 'stopStream' });
    }

    await waitFor(async () => tally(await effects(scope), 'finance', 'onPurchase', result.confirmed).handled === result.confirmed.length, {
      timeoutMs: 30_000,
      description: 'every confirmed publish handled by finance',
    });
    const found = await effects(scope);
    assert.deepEqual(duplicates(found), [], 'no event handled twice');

    const { rejections, confirmed } = result;
    assert.ok(rejections.length >= 50);
    for (const { name, transport, ms } of rejections) {
      assert.equal(name, 'EventTransportUnavailableError');
      assert.equal(transport, 'rabbitmq');
      assert.ok(ms <= PUBLISH_TIMEOUT_MS + 500, `a publish took ${ms.toFixed(0)} ms to reject`);
    }
    // The ones in flight at the cut may wait for the connection to be seen closed; the rest fail fast.
    const prompt = rejections.filter((r) => r.ms < 100).length;
    assert.ok(prompt >= rejections.length - 5, `${prompt} of ${rejections.length} rejected within 100 ms`);
    // A rejected publish may still have reached the broker (sent, never confirmed): delivered at most once too.
    const rejectedDelivered = tally(
      found,
      'finance',
      'onPurchase',
      rejections.map((r) => r.id),
    ).handled;
    assert.equal(found.size, confirmed.length + rejectedDelivered, 'nothing but these events ran');
    const slowest = Math.max(...rejections.map((r) => r.ms));
    t.diagnostic(
      `${confirmed.length} confirmed, ${rejections.length} rejected (${prompt} within 100 ms, slowest ${slowest.toFixed(0)} ms, ` +
        `${rejectedDelivered} of them delivered anyway); outage ${outageMs} ms`,
    );
  });
});
