// Cross-service delivery on the real RabbitMQ, each service instance a process of its own (service-child.ts).
// The consuming services run the production config: async handlers on BullMqDelivery, whose job id per
// (event, handler) and Redis inbox make a redelivered message run its handler once in effect. Each handler run counts
// itself in Redis (`<prefix>:effects`), which the parent reads.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { waitFor } from '@webnovel/testing';
import type { PublishResult, SeenRecord } from './service-protocol.js';
import { createScope, depth, duplicates, effects, queueNames, runsByInstance, tally, type TestScope } from './transport-fixture.js';

const onPurchase = { type: 'book.purchased', mode: 'async', name: 'onPurchase' } as const;

describe('cross-service delivery across processes', { timeout: 120_000 }, () => {
  let scope: TestScope | undefined;
  afterEach(async () => {
    await scope?.dispose();
    scope = undefined;
  });

  it('delivers each event from one service to another exactly once, the consumer instances sharing the work', async (t) => {
    scope = await createScope('share');
    const started = Date.now();
    const [bookstore, financeA, financeB] = await Promise.all([
      scope.start({ service: 'bookstore', instance: 'bookstore-1' }),
      scope.start({ service: 'finance', instance: 'finance-a', handlers: [onPurchase] }),
      scope.start({ service: 'finance', instance: 'finance-b', handlers: [onPurchase] }),
    ]);
    const { ids } = await bookstore.request<PublishResult>({ cmd: 'publish', type: 'book.purchased', count: 200 });
    assert.equal(ids.length, 200);
    await waitFor(async () => tally(await effects(scope!), 'finance', 'onPurchase', ids).handled === ids.length, {
      timeoutMs: 30_000,
      description: 'finance to handle all 200 events',
    });
    // Both instances consume the one finance queue, which is drained.
    const finance = await depth(scope, 'finance');
    assert.deepEqual([finance.messages, finance.consumers], [0, 2]);
    const found = await effects(scope);
    assert.deepEqual(duplicates(found), [], 'no event handled twice');
    assert.equal(found.size, 200, 'nothing but these 200 runs');
    // The broker shared the messages between the instances, and so did the BullMQ workers.
    const consumed = async (p: typeof financeA) =>
      (await p.request<SeenRecord[]>({ cmd: 'records' })).filter((r) => r.outcome === 'consumed').length;
    const [byA, byB] = await Promise.all([consumed(financeA), consumed(financeB)]);
    assert.equal(byA + byB, 200, 'each message consumed once in all');
    assert.ok(byA > 0 && byB > 0, `both instances consumed some (${byA} and ${byB})`);
    const runs = await runsByInstance(scope);
    const [ranA, ranB] = [runs.get('finance:onPurchase:finance-a') ?? 0, runs.get('finance:onPurchase:finance-b') ?? 0];
    assert.equal(ranA + ranB, 200);
    assert.ok(ranA > 0 && ranB > 0, `both instances ran the handler (${ranA} and ${ranB})`);
    t.diagnostic(`consumed ${byA}/${byB}, handled ${ranA}/${ranB}; ${Date.now() - started} ms with process start-up`);
  });

  it('gives every event to each service that subscribes to its type', async () => {
    scope = await createScope('fanout');
    const [bookstore] = await Promise.all([
      scope.start({ service: 'bookstore', instance: 'bookstore-1' }),
      scope.start({ service: 'finance', instance: 'finance-1', handlers: [onPurchase] }),
      scope.start({ service: 'notification', instance: 'notification-1', handlers: [onPurchase] }),
    ]);
    const { ids } = await bookstore.request<PublishResult>({ cmd: 'publish', type: 'book.purchased', count: 50 });
    for (const service of ['finance', 'notification'])
      await waitFor(async () => tally(await effects(scope!), service, 'onPurchase', ids).handled === ids.length, {
        timeoutMs: 20_000,
        description: `${service} to handle all 50 events`,
      });
    for (const queue of ['finance', 'notification', 'bookstore']) assert.equal((await depth(scope, queue)).messages, 0, queue);
    const found = await effects(scope);
    assert.deepEqual(duplicates(found), []);
    assert.equal(found.size, 100, 'each of the two services handled each of the 50 events, and nothing else ran');
    // The publisher has no handler: its own queue exists but is bound to nothing, so nothing came back to it.
    assert.deepEqual(await queueNames(scope), [
      'bookstore',
      'bookstore.dead-letter',
      'finance',
      'finance.dead-letter',
      'notification',
      'notification.dead-letter',
    ]);
  });
});
