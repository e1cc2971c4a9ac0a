import 'reflect-metadata';
import { Global, Module } from '@nestjs/common';
import { getConnectionToken, getModelToken } from '@nestjs/mongoose';
import { Test } from '@nestjs/testing';
import { EventLog, EventsModule } from '@webnovel/events';
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import mongoose from 'mongoose';
import { EventLogSchema } from './event-log.schema.js';
import { EVENT_LOG_MODEL } from './events-mongoose.constants.js';
import { MongooseEventStoreModule } from './mongoose-event-store.module.js';
import { MongooseEventStore } from './mongoose.event-store.js';

// Dependency wiring only: the modules are compiled, never initialised, so nothing reaches a server. The connection
// under the connection token is a real Mongoose connection that is simply never opened (MongooseModule.forRoot would
// open one, and there is no server here).

const connections: mongoose.Connection[] = [];
const connectionModule = (name?: string) => {
  const connection = mongoose.createConnection();
  connections.push(connection);
  @Global()
  @Module({ providers: [{ provide: getConnectionToken(name), useValue: connection }], exports: [getConnectionToken(name)] })
  class UnopenedConnectionModule {}
  return UnopenedConnectionModule;
};
after(async () => {
  for (const connection of connections) await connection.close();
});

describe('MongooseEventStoreModule', () => {
  it('registers the events_log model and provides a store over it', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [connectionModule(), MongooseEventStoreModule.forFeature()] }).compile();
    const store = moduleRef.get(MongooseEventStore);
    assert.ok(store instanceof MongooseEventStore);
    assert.equal(store.model, moduleRef.get(getModelToken(EVENT_LOG_MODEL)));
    assert.equal(store.model.schema, EventLogSchema);
    assert.equal(store.model.collection.collectionName, 'events_log');
    await moduleRef.close();
  });

  it('honours a named connection, a collection name and retention', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        connectionModule('audit'),
        MongooseEventStoreModule.forFeature({ connectionName: 'audit', collection: 'audit_events', retention: { defaultMs: 1000 } }),
      ],
    }).compile();
    const store = moduleRef.get(MongooseEventStore);
    assert.equal(store.model, moduleRef.get(getModelToken(EVENT_LOG_MODEL, 'audit')));
    assert.equal(store.model.collection.collectionName, 'audit_events');
    await moduleRef.close();
  });

  it('fails fast at bootstrap with invalid retention', async () => {
    await assert.rejects(
      Test.createTestingModule({
        imports: [connectionModule(), MongooseEventStoreModule.forFeature({ retention: { defaultMs: 0 } })],
      }).compile(),
      /retention\.defaultMs must be a positive integer of milliseconds or null/,
    );
  });

  it('feeds EventsModule.forRootAsync, as the documented snippet does', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        connectionModule(),
        EventsModule.forRootAsync({
          imports: [MongooseEventStoreModule.forFeature()],
          inject: [MongooseEventStore],
          useFactory: (store: MongooseEventStore) => ({ source: 'user-service', store }),
        }),
      ],
    }).compile();
    assert.ok(moduleRef.get(EventLog).store instanceof MongooseEventStore);
    await moduleRef.close();
  });
});
