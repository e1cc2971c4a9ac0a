// A consumer process SIGKILLed with a message unacknowledged, on the real RabbitMQ. The service has a sync handler and
// an async one (BullMqDelivery, the production config). In the victim the sync handler hangs on one event, so its
// message stays unacknowledged, after its async job was already handed to BullMQ. The victim runs no BullMQ workers,
// so the kill interrupts no job: what it loses is the unacknowledged message alone. The broker gives it to the next
// instance, which runs the sync handler once and hands the async job over again; BullMQ's job id per (event, handler)
// and the Redis inbox make it run once in effect.
import { deliveryPairId } from '@webnovel/events/internal';
import { waitFor } from '@webnovel/testing';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { PublishResult, SeenRecord } from './service-protocol.js';
import { createScope, depth, duplicates, effects, tally, type TestScope } from './transport-fixture.js';

const handlers = [
  { type: 'book.purchased', mode: 'sync', name: 'onPurchaseSync' },
  { type: 'book.purchased', mode: 'async', name: 'onPurchase' },
] as const;

describe('a consumer process killed mid-message', { timeout: 120_000 }, () => {
  let scope: TestScope;
  before(async () => (scope = await createScope('crash')));
  after(() => scope.dispose());

  it('redelivers the unacknowledged message to the next instance, and its effects happen once', async (t) => {
    const [bookstore, victim] = await Promise.all([
      scope.start({ service: 'bookstore', instance: 'bookstore-1' }),
      scope.start({ service: 'ledger', instance: 'ledger-victim', handlers, workers: false, blockOn: 'crash-3' }),
    ]);
    const { ids } = await bookstore.request<PublishResult>({ cmd: 'publish', type: 'book.purchased', key: 'crash', count: 10 });
    const { eventId } = await victim.notice('blocked');
    assert.equal(eventId, ids[3]);
    const others = ids.filter((id) => id !== eventId);
    // The other nine ran their sync handler in the victim; all ten async jobs were handed to BullMQ (none ran).
    await waitFor(async () => tally(await effects(scope), 'ledger', 'onPurchaseSync', others).handled === 9, {
      description: 'the victim to handle the other nine',
    });
    const jobKey = `${scope.prefix}:ledger:${deliveryPairId(eventId, 'onPurchase')}`;
    await waitFor(async () => (await scope.redis.exists(jobKey)) === 1, { description: "the blocked event's async job enqueued" });
    // All ten were delivered to the victim: none is ready, the blocked one is unacknowledged there.
    assert.equal((await depth(scope, 'ledger')).messages, 0);

    await victim.kill('SIGKILL');
    assert.equal((await victim.exited).signal, 'SIGKILL');
    await waitFor(async () => (await depth(scope, 'ledger')).messages === 1, { description: 'the message back in the queue' });
    const killedAt = Date.now();

    // The restarted instance, with workers.
    const survivor = await scope.start({ service: 'ledger', instance: 'ledger-survivor', handlers });
    await waitFor(
      async () => {
        const found = await effects(scope);
        return tally(found, 'ledger', 'onPurchaseSync', ids).handled === 10 && tally(found, 'ledger', 'onPurchase', ids).handled === 10;
      },
      { timeoutMs: 20_000, description: 'every effect of the ten events' },
    );
    const recoveredMs = Date.now() - killedAt;
    await waitFor(async () => (await depth(scope, 'ledger')).messages === 0, { description: 'the queue drained' });
    const records = await survivor.request<SeenRecord[]>({ cmd: 'records' });
    assert.equal(records.filter((r) => r.outcome === 'consumed').length, 1, 'the survivor got the one redelivered message');
    const found = await effects(scope);
    assert.deepEqual(duplicates(found), [], 'each effect happened once');
    assert.equal(found.get(`ledger:onPurchaseSync:${eventId}`), 1);
    assert.equal(found.get(`ledger:onPurchase:${eventId}`), 1, 'the async job handed over twice ran once');
    assert.equal(found.size, 20);
    t.diagnostic(`redelivered and handled ${recoveredMs} ms after the kill, restart included`);
  });
});
