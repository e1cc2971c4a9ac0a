import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import mongoose from 'mongoose';
import { DISPATCH_STATUSES, EventLogSchema } from './event-log.schema.js';
import { EVENT_LOG_MODEL, EVENTS_LOG_COLLECTION } from './events-mongoose.constants.js';

// The schema is checked as Mongoose sees it: these tests need no server.

describe('EventLogSchema', () => {
  it('maps to the events_log collection, without version key, Mongoose timestamps or minimizing', () => {
    assert.equal(EVENTS_LOG_COLLECTION, 'events_log');
    assert.equal(EventLogSchema.get('collection'), 'events_log');
    assert.equal(EventLogSchema.get('versionKey'), false);
    assert.equal(EventLogSchema.get('timestamps'), false);
    assert.equal(EventLogSchema.get('minimize'), false);
    assert.equal(EventLogSchema.get('id'), false);
  });

  it('has exactly the seed fields plus the envelope and dispatch fields, with their types', () => {
    const paths = Object.fromEntries(Object.entries(EventLogSchema.paths).map(([path, type]) => [path, type.instance]));
    assert.deepEqual(paths, {
      _id: 'String',
      event_type: 'String',
      version: 'Number',
      correlation_id: 'String',
      causation_id: 'String',
      event_data: 'Mixed',
      metadata: 'Mixed',
      timestamp: 'Date',
      source: 'String',
      dispatch_status: 'String',
      dispatched_at: 'Date',
      created_at: 'Date',
      expires_at: 'Date',
    });
  });

  it('requires the fields every stored event has, and lets source be empty', () => {
    const required = Object.entries(EventLogSchema.paths)
      .filter(([, type]) => type.isRequired)
      .map(([path]) => path)
      .sort();
    assert.deepEqual(required, ['_id', 'correlation_id', 'created_at', 'dispatch_status', 'event_type', 'timestamp', 'version']);
    const model = mongoose.createConnection().model('SchemaRequiredProbe', EventLogSchema);
    const doc = new model({});
    assert.equal(doc.get('source'), '');
    assert.equal(doc.get('dispatch_status'), 'pending');
    assert.equal(doc.get('causation_id'), null);
    assert.equal(doc.get('dispatched_at'), null);
    assert.equal(doc.get('expires_at'), null);
    assert.deepEqual(doc.get('metadata'), {});
  });

  it("limits dispatch_status to 'pending' and 'dispatched' and version to at least 1", async () => {
    assert.deepEqual(DISPATCH_STATUSES, ['pending', 'dispatched']);
    assert.deepEqual(EventLogSchema.path('dispatch_status').options.enum, ['pending', 'dispatched']);
    const model = mongoose.createConnection().model('SchemaEnumProbe', EventLogSchema);
    const error = await new model({ dispatch_status: 'processed', version: 0 }).validate().then(
      () => assert.fail('validation should fail'),
      (e: mongoose.Error.ValidationError) => e,
    );
    assert.equal(error.errors.dispatch_status?.kind, 'enum');
    assert.equal(error.errors.version?.kind, 'min');
  });

  it('declares every index: the seed three (with the TTL index at expireAfterSeconds 0), the keyset order and the outbox', () => {
    assert.deepEqual(EventLogSchema.indexes(), [
      [{ event_type: 1, timestamp: -1 }, {}],
      [{ source: 1, timestamp: -1 }, {}],
      [{ expires_at: 1 }, { expireAfterSeconds: 0 }],
      [{ timestamp: 1, _id: 1 }, {}],
      [{ created_at: 1 }, { partialFilterExpression: { dispatch_status: 'pending' } }],
    ]);
    const ttl = EventLogSchema.indexes().find(([fields]) => 'expires_at' in fields);
    assert.equal(ttl?.[1].expireAfterSeconds, 0);
  });

  it('compiles to a model on events_log, or on the collection a caller names', () => {
    const connection = mongoose.createConnection();
    assert.equal(connection.model(EVENT_LOG_MODEL, EventLogSchema).collection.collectionName, 'events_log');
    assert.equal(connection.model('Renamed', EventLogSchema, 'events_log_tenant_a').collection.collectionName, 'events_log_tenant_a');
  });
});
