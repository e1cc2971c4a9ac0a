import 'reflect-metadata';
import { Logger, Module, type INestApplicationContext, type Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { bookPurchased, depositCompleted, webNovelCatalog } from '@webnovel/contracts';
import { DeadLetters, EventsInstrumentation, EventBus, EventLog, EventsModule, InMemoryEventStore, OutboxRelay } from '@webnovel/events';
import { waitFor } from '@webnovel/testing';
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { RoyaltyHandler } from './readme-example.js';
import { openStorage } from './snippets/embedded-database.js';
import { AuditTrail } from './snippets/handler-context.js';
import * as memoryLog from './snippets/memory-log.js';
import * as outbox from './snippets/outbox-relay.js';
import { replayPurchases } from './snippets/replay.js';
import { DepositCredit, WalletClosedError, Wallets } from './snippets/retry-policy.js';

// The README snippets that need no outside service, run for what the README says they do.
Logger.overrideLogger(false);
const apps: INestApplicationContext[] = [];
after(async () => {
  for (const app of apps.splice(0)) await app.close();
});

async function start(imports: Type[] | ReturnType<typeof EventsModule.forRoot>[], providers: Type[] = [], override?: [Type, unknown]) {
  let builder = Test.createTestingModule({ imports, providers });
  if (override) builder = builder.overrideProvider(override[0]).useValue(override[1]);
  const app = await builder.compile().then((m) => m.init());
  apps.push(app);
  return app;
}

const purchase = (order_id: string) => bookPurchased({ order_id, user_id: 'u-1', book_id: 'b-1', amount: 1000, currency: 'CNY' });

describe('README snippets, run', () => {
  it('embedded-database: without DATABASE_URL the store and the orders table run on PGlite, migrated once', async () => {
    const { database, store } = await openStorage({});
    try {
      assert.equal(database.kind, 'embedded');
      await database.pool.query("INSERT INTO orders VALUES ('o-1', 'u-1', 1999)");
      const event = purchase('o-1');
      await store.append(event);
      assert.equal((await store.getById(event.id))?.event.id, event.id);
      const { rows } = await database.pool.query<{ migration_set: string; name: string }>(
        'SELECT migration_set, name FROM webnovel_migrations ORDER BY migration_set',
      );
      assert.deepEqual(rows, [
        { migration_set: 'bookstore', name: '0001_orders' },
        { migration_set: 'webnovel-events:public.events_log', name: '0001_event-log' },
      ]);
    } finally {
      await database.close();
    }
  });

  it('handler-context: a handler sees its name, attempt and mode, and its retry as attempt 2', async () => {
    const app = await start([EventsModule.forRoot({ catalog: webNovelCatalog, logHandlers: false })], [AuditTrail]);
    await app.get(EventBus).publish(purchase('o-1'));
    await waitFor(() => app.get(EventsInstrumentation).deliveryStats().success === 1);
    assert.deepEqual(app.get(AuditTrail).runs, ['AuditTrail.record #1 async o-1', 'AuditTrail.record #2 async o-1']);
  });

  it("memory-log: EventLog.store is the 'memory' store, and finds the event by type and by id", async () => {
    const app = await start([memoryLog.AppModule]);
    const { page, same } = await memoryLog.purchasesInTheLog(app);
    assert.equal(page.events.length, 1);
    const [stored] = page.events;
    assert.equal(stored!.event.type, 'book.purchased');
    assert.equal(same?.event.id, stored!.event.id);
    assert.ok(app.get(EventLog).store instanceof InMemoryEventStore);
  });

  it('outbox-relay: runOnce dispatches the pending event once, and a second pass finds nothing', async () => {
    const app = await start([outbox.AppModule]);
    const storedAt = await outbox.appendPending(app);
    // The relay takes events stored strictly before its pass began (graceMs 0), so let the clock move past this one.
    await waitFor(() => Date.now() > storedAt.getTime());
    assert.deepEqual(await outbox.relayPending(app), { dispatched: 1, failed: 0, sent: ['o-7'] });
    assert.deepEqual(await app.get(OutboxRelay).runOnce(), { dispatched: 0, failed: 0 });
    assert.deepEqual(app.get(outbox.Receipts).sent, ['o-7']);
  });

  it('replay: runs the logged purchases through the named handler again, reporting progress', async () => {
    @Module({
      imports: [EventsModule.forRoot({ catalog: webNovelCatalog, store: 'memory', logHandlers: false })],
      providers: [RoyaltyHandler],
    })
    class ReplayApp {}
    const app = await start([ReplayApp]);
    const bus = app.get(EventBus);
    for (const order of ['o-1', 'o-2']) await bus.publish(purchase(order));
    assert.equal(app.get(RoyaltyHandler).earned.get('b-1'), 1400);
    const progress: number[] = [];
    const report = await replayPurchases(app, (replayed) => progress.push(replayed));
    assert.deepEqual({ replayed: report.replayed, failed: report.failed }, { replayed: 2, failed: 0 });
    assert.equal(progress.at(-1), 2);
    assert.equal(app.get(RoyaltyHandler).earned.get('b-1'), 2800, 'each purchase credited again');
  });

  it("retry-policy: a transient failure is retried up to the handler's 3 attempts; a closed wallet is dead-lettered at once", async () => {
    const calls: string[] = [];
    const failures = new Map<string, Error[]>([
      ['d-1', [new Error('timeout'), new Error('timeout')]],
      ['d-2', [new WalletClosedError('wallet w-2 is closed')]],
      ['d-3', [new Error('timeout'), new Error('timeout'), new Error('timeout')]],
    ]);
    const wallets: Wallets = {
      async credit(userId: string) {
        calls.push(userId);
        const error = failures.get(userId)?.shift();
        if (error) throw error;
      },
    };
    // The README's AppModule waits 500 ms before a retry; the handler is the same, with the module's delays shortened.
    const app = await start(
      [EventsModule.forRoot({ catalog: webNovelCatalog, logHandlers: false, retry: { maxAttempts: 8, initialDelayMs: 1, maxDelayMs: 1 } })],
      [Wallets, DepositCredit],
      [Wallets, wallets],
    );
    const bus = app.get(EventBus);
    for (const id of ['d-1', 'd-2', 'd-3'])
      await bus.publish(
        depositCompleted({ deposit_id: id, user_id: id, amount: 500, currency: 'CNY', channel: 'alipay', transaction_ref: `t-${id}` }),
      );
    await waitFor(() => {
      const stats = app.get(EventsInstrumentation).deliveryStats();
      return stats.success === 1 && stats.dead_lettered === 2;
    });
    assert.deepEqual(
      ['d-1', 'd-2', 'd-3'].map((id) => calls.filter((c) => c === id).length),
      [3, 1, 3],
    );
    const letters = (await app.get(DeadLetters).list()).items.map((l) => [l.event.data, l.attempts, l.error.name]);
    assert.deepEqual(letters.map(([data, attempts, name]) => [(data as { user_id: string }).user_id, attempts, name]).sort(), [
      ['d-2', 1, 'WalletClosedError'],
      ['d-3', 3, 'Error'],
    ]);
  });
});
