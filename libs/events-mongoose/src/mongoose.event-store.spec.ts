import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createDomainEvent, InvalidEventEnvelopeError, InvalidEventQueryError } from '@webnovel/events';
import mongoose, { type Connection } from 'mongoose';
import { InvalidMongoTransactionError } from './errors/invalid-mongo-transaction.error.js';
import { InvalidMongooseEventStoreOptionsError } from './errors/invalid-mongoose-event-store-options.error.js';
import { MongoConnectionNotOpenError } from './errors/mongo-connection-not-open.error.js';
import { EventLogSchema } from './event-log.schema.js';
import { EVENT_LOG_MODEL } from './events-mongoose.constants.js';
import { MongooseEventStore, type EventLogModel } from './mongoose.event-store.js';

// What the store decides before it talks to MongoDB: option validation and the checks that reject a call with nothing
// sent. The connection is a real Mongoose connection that is never opened, with buffering off, so a call that did
// reach the driver would fail at once with a Mongoose error instead of the errors asserted here. Behaviour against
// a server is the conformance suite's job (mongoose.event-store.e2e-spec.ts, with MONGODB_URI).

let connection: Connection;
let model: EventLogModel;

before(() => {
  connection = mongoose.createConnection();
  connection.set('bufferCommands', false);
  model = connection.model(EVENT_LOG_MODEL, EventLogSchema) as unknown as EventLogModel;
});
after(() => connection.close());

const rejectsWith = (problems: string[]) => (error: unknown) =>
  error instanceof InvalidEventQueryError && problems.every((p) => error.problems.includes(p)) && /nothing was queried/.test(error.message);

describe('MongooseEventStore options', () => {
  it('accepts a model built from EventLogSchema, with or without retention, and exposes it', () => {
    assert.equal(new MongooseEventStore(model).model, model);
    assert.ok(new MongooseEventStore(model, { retention: { defaultMs: 60_000, byType: { 'user.logged_in': 1000, 'audit.kept': null } } }));
  });

  it('rejects something that is not a Mongoose model, with how to get one', () => {
    assert.throws(
      () => new MongooseEventStore({ find() {} } as never),
      (error: unknown) =>
        error instanceof InvalidMongooseEventStoreOptionsError &&
        error.message ===
          'MongooseEventStore options are invalid (1 problem):\n' +
            '  - model must be a Mongoose Model built from EventLogSchema (inject it with getModelToken(EVENT_LOG_MODEL)); got an object of class Object',
    );
    assert.throws(
      () => new MongooseEventStore(undefined as never),
      /model must be a Mongoose Model built from EventLogSchema .*; got undefined/,
    );
  });

  it('rejects a model of another schema, naming what it lacks', () => {
    const other = connection.model('NotAnEventLog', new mongoose.Schema({ event_type: String, timestamp: Date }));
    assert.throws(
      () => new MongooseEventStore(other as never),
      (error: unknown) =>
        error instanceof InvalidMongooseEventStoreOptionsError &&
        error.problems.length === 1 &&
        error.problems[0]!.startsWith('model was not built from EventLogSchema: its schema lacks a String _id, version, correlation_id,') &&
        error.problems[0]!.endsWith('Register it with MongooseModule.forFeature([{ name: EVENT_LOG_MODEL, schema: EventLogSchema }])'),
    );
  });

  it('reports every retention problem at once', () => {
    assert.throws(
      () => new MongooseEventStore(model, { retention: { defaultMs: -5, byType: { 'a.b': 1.5 } } }),
      (error: unknown) =>
        error instanceof InvalidMongooseEventStoreOptionsError &&
        error.message ===
          'MongooseEventStore options are invalid (2 problems):\n' +
            '  - retention.defaultMs must be a positive integer of milliseconds or null\n' +
            '  - retention.byType["a.b"] must be a positive integer of milliseconds or null',
    );
  });

  it('names a misspelt option with the one it meant, and a catalog that is not one', () => {
    assert.throws(
      () => new MongooseEventStore(model, { retension: {}, catalog: 'webNovelCatalog' } as never),
      (error: unknown) =>
        error instanceof InvalidMongooseEventStoreOptionsError &&
        error.message ===
          'MongooseEventStore options are invalid (2 problems):\n' +
            '  - unknown option "retension" (did you mean "retention"?); the options are retention, catalog\n' +
            '  - catalog must be an EventCatalog (an object with get(type, version)), got "webNovelCatalog"; build one with new EventCatalog([...definitions]) or pass webNovelCatalog',
    );
  });

  it('rejects options that are not an object', () => {
    assert.throws(() => new MongooseEventStore(model, 'forever' as never), /options must be an object; got string "forever"/);
  });
});

describe('MongooseEventStore checks before any round trip', () => {
  let store: MongooseEventStore;
  before(() => {
    store = new MongooseEventStore(model);
  });

  it('rejects an invalid find with every problem named', async () => {
    await assert.rejects(
      store.find({ from: new Date('nope'), types: 'a.b' as never }, { limit: 0, offset: -1 }),
      rejectsWith([
        'filter.types must be an array of event types',
        'filter.from must be a valid Date',
        'page.limit must be an integer from 1 to 10000',
        'page.offset must be an integer of at least 0',
      ]),
    );
    await assert.rejects(
      store.find({ source: { $ne: null } as never }, { limit: 10 }),
      rejectsWith(['filter.source must be a string']),
      'an operator object never becomes part of a query',
    );
    await assert.rejects(
      store.find({}, { limit: 10, offset: 5, after: { occurredAt: new Date(), id: 'x' } }),
      rejectsWith(['page.after and page.offset cannot be combined']),
    );
  });

  it('rejects an invalid replay before calling the handler', async () => {
    let calls = 0;
    await assert.rejects(
      store.replay({}, () => void calls++, { batchSize: 20_000 }),
      rejectsWith(['page.limit must be an integer from 1 to 10000']),
    );
    assert.equal(calls, 0);
  });

  it('returns 0 from an already aborted replay without querying', async () => {
    assert.equal(await store.replay({}, () => assert.fail('no event expected'), { signal: AbortSignal.abort() }), 0);
  });

  it('rejects an invalid cleanup, removeExpired, markDispatched or findUndispatched', async () => {
    await assert.rejects(store.cleanup(new Date('nope')), rejectsWith(['filter.to must be a valid Date']));
    await assert.rejects(store.cleanup(new Date(), { types: [1] as never }), rejectsWith(['filter.types must be an array of event types']));
    await assert.rejects(store.removeExpired(new Date(Number.NaN)), rejectsWith(['now must be a valid Date']));
    await assert.rejects(store.markDispatched(['a'], 'yesterday' as never), rejectsWith(['at must be a valid Date']));
    await assert.rejects(
      store.findUndispatched(new Date('nope'), 0),
      rejectsWith(['olderThan must be a valid Date', 'limit must be an integer from 1 to 10000']),
    );
    await assert.rejects(store.findUndispatched(new Date(), 1.5), rejectsWith(['limit must be an integer from 1 to 10000']));
  });

  it('treats a non-string id as unknown instead of querying with it', async () => {
    assert.equal(await store.getById({ $ne: null } as never), null);
  });

  it('does nothing for an empty batch, an empty markDispatched and close (the connection is not the store’s)', async () => {
    await store.appendMany([]);
    await store.markDispatched([]);
    await store.close();
    await store.close();
    assert.equal(connection.readyState, mongoose.ConnectionStates.disconnected);
  });

  it('rejects a ping at once while the connection is not open, saying how to fix it', async () => {
    await assert.rejects(
      store.ping(),
      (error: unknown) =>
        error instanceof MongoConnectionNotOpenError &&
        error.state === 'disconnected' &&
        error.message ===
          'The MongoDB connection of the event store is disconnected, so it was not pinged. Check the URI MongooseModule ' +
            'connects with and that the server is reachable; Mongoose reconnects on its own once it is.',
    );
  });

  it('rejects events that do not fit the schema, all of them, in envelope terms, appending none', async () => {
    const good = createDomainEvent({ type: 'a.b', data: {} });
    await assert.rejects(
      store.appendMany([good, { ...good, id: undefined, version: 0 } as never, { ...good, occurredAt: 'soon' } as never]),
      (error: unknown) =>
        error instanceof InvalidEventEnvelopeError &&
        error.violations
          .map((v) => `${v.path} ${v.constraint}`)
          .sort()
          .join(', ') === 'events[1].id required, events[1].version min, events[2].occurredAt date',
    );
    await assert.rejects(
      store.append(good, { status: 'processed' as never }),
      (error: unknown) =>
        error instanceof InvalidEventEnvelopeError && error.violations.some((v) => v.path === 'dispatch_status' && v.constraint === 'enum'),
    );
  });

  it('rejects a transaction that is not a ClientSession in an active transaction, appending nothing', async () => {
    const event = createDomainEvent({ type: 'a.b', data: {} });
    const message =
      'AppendOptions.transaction must be a MongoDB ClientSession inside an active transaction, for example the session given by ' +
      'connection.transaction(async (session) => ...) or session.withTransaction(...); got an object of class Object. Nothing was appended.';
    await assert.rejects(
      store.append(event, { transaction: {} }),
      (error: unknown) => error instanceof InvalidMongoTransactionError && error.message === message,
    );
    await assert.rejects(store.appendMany([event], { transaction: { inTransaction: () => false } }), InvalidMongoTransactionError);
    await assert.rejects(store.append(event, { transaction: 'BEGIN' }), /got string "BEGIN"/);
  });
});
