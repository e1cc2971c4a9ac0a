import assert from 'node:assert/strict';
import { after, before, describe, it, test } from 'node:test';
import { createDomainEvent } from '@webnovel/events';
import { describeEventStoreConformance } from '@webnovel/events/testing';
import mongoose from 'mongoose';
import { EventLogSchema } from './event-log.schema.js';
import { EVENT_LOG_MODEL } from './events-mongoose.constants.js';
import { toMongoFilter, toMongoSort } from './mongo-query.js';
import { MongooseEventStore, type EventLogModel } from './mongoose.event-store.js';

// Runs the shared EventStore conformance suite, and checks of what only a server can tell (the indexes it built,
// query plans, transactions), against the MongoDB at MONGODB_URI. Nothing here stands in for the server: without
// MONGODB_URI the suite is reported as skipped, with the reason.

const uri = process.env.MONGODB_URI;

if (!uri) {
  test(
    'mongoose conformance suite',
    { skip: 'MONGODB_URI is not set: no MongoDB server can be installed on this machine; set it to run this suite against a real server' },
    () => {},
  );
} else {
  // autoIndex off: the indexes come from syncIndexes below, as a deploy step would build them.
  const connection = mongoose.createConnection(uri, { serverSelectionTimeoutMS: 10_000, autoIndex: false });
  // A collection of its own per run, so parallel or aborted runs never see each other's events.
  const collection = `events_log_e2e_${process.pid}_${Date.now().toString(36)}`;
  const model = connection.model(EVENT_LOG_MODEL, EventLogSchema, collection) as unknown as EventLogModel;
  let ready: Promise<void> | undefined;
  const prepare = (): Promise<void> =>
    (ready ??= (async () => {
      await connection.asPromise();
      await model.syncIndexes();
    })());

  after(async () => {
    await model.collection.drop().catch(() => undefined);
    await connection.close();
  });

  describeEventStoreConformance('mongoose', {
    open: async (options) => {
      await prepare();
      return new MongooseEventStore(model, options);
    },
    clear: async () => {
      await model.deleteMany({}).exec();
    },
  });

  describe('mongoose events_log on a real server', () => {
    before(prepare);

    it('has built every schema index, the TTL index with expireAfterSeconds 0 and the partial outbox index', async () => {
      const indexes = await model.collection.indexes();
      const keys = indexes.map((index) => JSON.stringify(index.key)).sort();
      const expected = [{ _id: 1 }, ...EventLogSchema.indexes().map(([fields]) => fields)].map((key) => JSON.stringify(key)).sort();
      assert.deepEqual(keys, expected);
      const ttl = indexes.find((index) => JSON.stringify(index.key) === JSON.stringify({ expires_at: 1 }));
      assert.equal(ttl?.expireAfterSeconds, 0);
      const outbox = indexes.find((index) => JSON.stringify(index.key) === JSON.stringify({ created_at: 1 }));
      assert.deepEqual(outbox?.partialFilterExpression, { dispatch_status: 'pending' });
    });

    it('pages by keyset from the { timestamp: 1, _id: 1 } index, with no in-memory sort', async () => {
      await model.deleteMany({}).exec();
      const store = new MongooseEventStore(model);
      await store.appendMany(
        Array.from({ length: 50 }, (_, i) =>
          createDomainEvent({ type: 'a.b', data: { i }, occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i % 10)) }),
        ),
      );
      const explain = await model
        .find(toMongoFilter({}, { occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, 5)), id: '' }))
        .sort(toMongoSort())
        .limit(10)
        .explain('queryPlanner');
      const plan = JSON.stringify(explain);
      assert.doesNotMatch(plan, /"stage":"SORT"/, plan);
      assert.match(plan, /timestamp_1__id_1/, plan);
    });

    it('appends inside a transaction: a duplicate id does not abort it, and an aborted transaction stores nothing', async (t) => {
      const hello = (await connection.asPromise().then((c) => c.db!.admin().command({ hello: 1 }))) as { setName?: string; msg?: string };
      if (!hello.setName && hello.msg !== 'isdbgrid') {
        t.skip('transactions need a replica set or a sharded cluster; this server is standalone');
        return;
      }
      await model.deleteMany({}).exec();
      const store = new MongooseEventStore(model);
      const existing = createDomainEvent({ type: 'a.b', data: { copy: 'first' } });
      const fresh = createDomainEvent({ type: 'a.b', data: { copy: 'fresh' } });
      await store.append(existing);
      await connection.transaction(async (session) => {
        await store.appendMany([{ ...existing, data: { copy: 'second' } }, fresh], { transaction: session });
      });
      assert.deepEqual((await store.getById(existing.id))?.event.data, { copy: 'first' });
      assert.equal((await store.getById(fresh.id))?.dispatchStatus, 'pending');

      const rolledBack = createDomainEvent({ type: 'a.b', data: {} });
      await assert.rejects(
        connection.transaction(async (session) => {
          await store.append(rolledBack, { transaction: session });
          throw new Error('the business write failed');
        }),
        /the business write failed/,
      );
      assert.equal(await store.getById(rolledBack.id), null);
    });
  });
}
