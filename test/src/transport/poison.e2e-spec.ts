// Poison messages on the real RabbitMQ, across processes. The consuming service's delivery driver (BullMqDelivery)
// reaches Redis through a TcpProxy in this process, cut after start-up: every hand-over fails, so the transport backs
// off and returns the message until the quorum queue's x-delivery-limit moves it to `<queue>.dead-letter`. Then the
// proxy is restored and the operator's `DeadLetters` (app.get in the service) lists it with its reason and reprocesses
// it: the handler runs once. A body that is not an event, published raw, is dead-lettered at once and purged.
import { TcpProxy, redisConnection, waitFor } from '@webnovel/testing';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { PublishResult, SeenDeadLetter, SeenRecord } from './service-protocol.js';
import { createScope, depth, effects, type TestScope } from './transport-fixture.js';

const DELIVERY_LIMIT = 3;
const REDELIVERY_DELAY_MS = 200;
const HANDLER = 'rabbitmq.payments';

describe('poison messages across processes', { timeout: 120_000 }, () => {
  let scope: TestScope;
  const redisProxy = new TcpProxy(redisConnection.port, redisConnection.host);
  before(async () => {
    scope = await createScope('poison');
    await redisProxy.start();
  });
  after(async () => {
    await scope.dispose();
    await redisProxy.stop();
  });

  it('dead-letters a message whose hand-over keeps failing after the delivery limit, without a hot loop', async (t) => {
    const [bookstore, payments] = await Promise.all([
      scope.start({ service: 'bookstore', instance: 'bookstore-1' }),
      scope.start({
        service: 'payments',
        instance: 'payments-1',
        handlers: [{ type: 'book.purchased', mode: 'async', name: 'onPurchase' }],
        redisPort: redisProxy.port,
        rabbit: { deliveryLimit: DELIVERY_LIMIT, redeliveryDelayMs: REDELIVERY_DELAY_MS, maxRedeliveryDelayMs: 1_000 },
        bullmq: { commandTimeoutMs: 300 },
      }),
    ]);
    redisProxy.cut();
    const {
      ids: [eventId],
    } = await bookstore.request<PublishResult>({ cmd: 'publish', type: 'book.purchased', key: 'poison', count: 1 });
    const records = await waitFor(
      async () => {
        const seen = await payments.request<SeenRecord[]>({ cmd: 'records' });
        return seen.some((r) => r.outcome === 'dead_lettered') ? seen : undefined;
      },
      { timeoutMs: 30_000, description: 'the transport to give the message up' },
    );
    await waitFor(async () => (await depth(scope, 'payments.dead-letter')).messages === 1, { description: 'the dead-letter queue' });
    assert.equal((await depth(scope, 'payments')).messages, 0);

    // Bounded: the limit, plus the delivery past it that the broker dead-letters. Spaced by the back-off.
    const failed = records.filter((r) => r.outcome === 'consume_failed');
    assert.ok(failed.length >= DELIVERY_LIMIT && failed.length <= DELIVERY_LIMIT + 1, `${failed.length} deliveries`);
    const gaps = failed.slice(1).map((r, i) => r.at - failed[i]!.at);
    // The back-off doubles per delivery (200, 400, 800 ms); a little slack for timer rounding.
    gaps.forEach((gap, i) => assert.ok(gap >= 0.9 * REDELIVERY_DELAY_MS * 2 ** i, `delivery ${i + 2} came ${gap} ms after the last`));
    assert.ok(
      records.every((r) => r.outcome !== 'consumed'),
      'never handed over',
    );

    // Redis is back: the operator lists the dead letter with its reason, and reprocesses it.
    redisProxy.restore();
    const letters = await waitFor(() => payments.request<SeenDeadLetter[]>({ cmd: 'deadLetters', op: 'list' }), {
      timeoutMs: 15_000,
      description: 'the dead letters, once the delivery driver reconnected',
    });
    assert.equal(letters.length, 1);
    const [letter] = letters;
    assert.deepEqual(
      { handler: letter!.handler, queue: letter!.queue, eventId: letter!.eventId, type: letter!.type, error: letter!.error.name },
      { handler: HANDLER, queue: 'payments.dead-letter', eventId, type: 'book.purchased', error: 'DeliveryLimitExceeded' },
    );
    assert.equal(letter!.attempts, DELIVERY_LIMIT + 1);
    assert.equal(await payments.request({ cmd: 'deadLetters', op: 'reprocess', letterId: letter!.id }), true);
    await waitFor(async () => (await effects(scope)).get(`payments:onPurchase:${eventId}`) === 1, {
      timeoutMs: 15_000,
      description: 'the reprocessed event handled',
    });
    assert.equal((await depth(scope, 'payments.dead-letter')).messages, 0);
    assert.deepEqual(await payments.request({ cmd: 'deadLetters', op: 'list' }), []);
    t.diagnostic(`${failed.length} deliveries, ${gaps.join(' / ')} ms apart`);
  });

  it('dead-letters a body that is not an event at once, and purges it', async () => {
    const payments = await scope.start({
      service: 'payments',
      instance: 'payments-2',
      handlers: [{ type: 'book.purchased', mode: 'async', name: 'onPurchase' }],
      rabbit: { deliveryLimit: DELIVERY_LIMIT },
    });
    const publisher = scope.amqp().createPublisher({ confirm: true });
    await publisher.send(
      { exchange: 'webnovel.events', routingKey: 'book.purchased', messageId: 'raw-1', durable: true },
      '{"not an event',
    );
    await publisher.close();
    await waitFor(async () => (await depth(scope, 'payments.dead-letter')).messages === 1, { description: 'the dead-letter queue' });
    const [letter, ...rest] = await payments.request<SeenDeadLetter[]>({ cmd: 'deadLetters', op: 'list' });
    assert.equal(rest.length, 0);
    assert.equal(letter!.handler, HANDLER);
    assert.match(letter!.error.message, /could not be decoded/);
    assert.equal(letter!.attempts, 1, 'on its first delivery: retrying cannot decode it');
    assert.equal(await payments.request({ cmd: 'deadLetters', op: 'purge', handler: HANDLER }), 1);
    assert.equal((await depth(scope, 'payments.dead-letter')).messages, 0);
    assert.deepEqual(await payments.request({ cmd: 'deadLetters', op: 'list' }), []);
    await payments.close();
  });
});
