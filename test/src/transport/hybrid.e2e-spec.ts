// Hybrid mode across processes on the real RabbitMQ: the publisher's own handlers run in process, inside publish,
// and the copy the broker delivers back to its queue is acknowledged without running anything; `localOnly` types never
// leave the process. The other service runs the production config (async handlers on BullMqDelivery).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { listRows, waitFor } from '@webnovel/testing';
import type { PublishResult, SeenRecord } from './service-protocol.js';
import { createScope, depth, duplicates, effects, tally, type TestScope } from './transport-fixture.js';

describe('hybrid mode across processes', { timeout: 120_000 }, () => {
  let scope: TestScope;
  before(async () => (scope = await createScope('hybrid')));
  after(() => scope.dispose());

  it("runs the publisher's own handler once, locally, and keeps localOnly types off the broker", async (t) => {
    const started = Date.now();
    const [users, audit] = await Promise.all([
      scope.start({
        service: 'users',
        instance: 'users-1',
        mode: 'hybrid',
        localOnly: ['user.logged_in'],
        handlers: [
          { type: 'book.purchased', mode: 'sync', name: 'onPurchase' },
          { type: 'user.logged_in', mode: 'sync', name: 'onLogin' },
        ],
      }),
      scope.start({
        service: 'audit',
        instance: 'audit-1',
        handlers: [
          { type: 'book.purchased', mode: 'async', name: 'onPurchase' },
          { type: 'user.logged_in', mode: 'async', name: 'onLogin' },
        ],
      }),
    ]);
    // Logins first: if any left the process, it would reach audit's queue (bound to user.logged_in) before the purchases.
    const logins = await users.request<PublishResult>({ cmd: 'publish', type: 'user.logged_in', count: 20 });
    const purchases = await users.request<PublishResult>({ cmd: 'publish', type: 'book.purchased', count: 20 });
    assert.equal(logins.ranInside, 20, "each login ran the publisher's handler inside publish");
    assert.equal(purchases.ranInside, 20, "each purchase ran the publisher's handler inside publish");

    await waitFor(async () => tally(await effects(scope), 'audit', 'onPurchase', purchases.ids).handled === 20, {
      timeoutMs: 20_000,
      description: 'audit to handle the 20 purchases',
    });
    // Its own copies came back to the users queue and were acknowledged without running anything.
    const usersRecords = await waitFor(async () => {
      const records = await users.request<SeenRecord[]>({ cmd: 'records' });
      return records.filter((r) => r.outcome === 'skipped_own').length === 20 ? records : undefined;
    });
    await waitFor(async () => (await depth(scope, 'users')).messages === 0 && (await depth(scope, 'audit')).messages === 0, {
      description: 'both queues drained',
    });

    const found = await effects(scope);
    assert.deepEqual(duplicates(found), [], 'nothing ran twice');
    assert.equal(tally(found, 'users', 'onPurchase', purchases.ids).handled, 20);
    assert.equal(tally(found, 'users', 'onLogin', logins.ids).handled, 20);
    assert.equal(tally(found, 'audit', 'onLogin', logins.ids).handled, 0, 'no login reached the other service');
    assert.equal(found.size, 60, '20 local purchases, 20 local logins, 20 remote purchases and nothing else');

    // What the transports saw: users published only purchases; audit consumed only purchases.
    const published = usersRecords.filter((r) => r.outcome === 'published');
    assert.deepEqual(new Set(published.map((r) => r.type)), new Set(['book.purchased']));
    const auditRecords = await audit.request<SeenRecord[]>({ cmd: 'records' });
    const consumed = auditRecords.filter((r) => r.outcome === 'consumed');
    assert.equal(consumed.length, 20);
    assert.ok(
      consumed.every((r) => r.type === 'book.purchased'),
      'audit consumed nothing but purchases',
    );
    // The users queue is not even bound to the local-only type; audit's is (it has a handler), and stayed empty of it.
    const bindings = await listRows(scope.vhost, 'bindings', 'destination_name', 'routing_key');
    const keys = (queue: string) =>
      bindings
        .filter(([d, k]) => d === queue && k !== queue)
        .map(([, k]) => k)
        .sort();
    assert.deepEqual(keys('users'), ['book.purchased']);
    assert.deepEqual(keys('audit'), ['book.purchased', 'user.logged_in']);
    t.diagnostic(`${Date.now() - started} ms with process start-up`);
  });
});
