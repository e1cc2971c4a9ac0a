import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createDomainEvent } from '@webnovel/events';
import { PostgresEventStore } from '@webnovel/events-postgres';
import { describeEventStoreConformance } from '@webnovel/events/testing';
import { openDatabase, type Database } from '@webnovel/service-kit';

// The PostgresEventStore conformance suite of libs/events-postgres, on the embedded PGlite through its pool of one:
// the same store and SQL as on the server. Each store gets its own table; the database lives in memory for this file.
let database: Database;
before(async () => {
  database = await openDatabase({});
});
after(() => database.close());

async function openStore(options: Omit<ConstructorParameters<typeof PostgresEventStore>[0], 'pool'> = {}) {
  const store = new PostgresEventStore({ pool: database.pool, table: `events_log_${randomBytes(6).toString('hex')}`, ...options });
  await store.ensureSchema();
  return store;
}

describeEventStoreConformance('postgres on the embedded PGlite', {
  open: async (options) => {
    return openStore(options);
  },
  clear: async (store) => void (await database.pool.query(`TRUNCATE ${(store as PostgresEventStore).tableName}`)),
});

describe('postgres on the embedded PGlite: the pool of one', () => {
  it('appends inside the caller transaction on the one client, and reads through the pool once it is released', async () => {
    const store = await openStore();
    const rolledBack = createDomainEvent({ type: 'a.b', data: { n: 1 }, source: 'svc' });
    const committed = createDomainEvent({ type: 'a.b', data: { n: 2 }, source: 'svc' });
    // Holding the only connection, every read goes through that client too: a pool.query here would wait for it.
    const client = await database.pool.connect();
    try {
      await client.query('BEGIN');
      await store.append(rolledBack, { transaction: client });
      await client.query('ROLLBACK');
      await client.query('BEGIN');
      await store.appendMany([committed], { transaction: client });
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    assert.equal(await store.getById(rolledBack.id), null);
    assert.equal((await store.getById(committed.id))?.dispatchStatus, 'pending');
  });

  it('runs ensureSchema concurrently with appends: they queue for the connection, none is dropped', async () => {
    const store = await openStore({ schema: `s_${randomBytes(6).toString('hex')}` });
    const events = Array.from({ length: 10 }, (_, n) => createDomainEvent({ type: 'a.b', data: { n }, source: 'svc' }));
    await Promise.all([store.ensureSchema(), ...events.map((e) => store.append(e)), store.ensureSchema()]);
    assert.equal((await store.find({}, { limit: 100 })).events.length, 10);
  });
});
