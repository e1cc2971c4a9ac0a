import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createDomainEvent } from '@webnovel/events';
import type pg from 'pg';
import { InvalidPostgresEventStoreOptionsError } from './errors/invalid-postgres-event-store-options.error.js';
import { InvalidTransactionError } from './errors/invalid-transaction.error.js';
import { postgresEventStoreOptionsProblems } from './postgres-event-store.options.js';
import { PostgresEventStore } from './postgres.event-store.js';
import { indexName } from './postgres.sql.js';

const URL = 'postgres://postgres@127.0.0.1:5432/test';

/** A stand-in pool that records calls and never connects: these tests need no server. */
function fakePool() {
  const calls: string[] = [];
  const pool = {
    query: async () => {
      calls.push('query');
      return { rows: [], rowCount: 0 };
    },
    connect: async () => {
      throw new Error('not connected in unit tests');
    },
    end: async () => void calls.push('end'),
    on: () => pool,
  };
  return { pool: pool as unknown as pg.Pool, calls };
}

const problemsOf = (fn: () => unknown): readonly string[] => {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof InvalidPostgresEventStoreOptionsError);
    return error.problems;
  }
  assert.fail('expected InvalidPostgresEventStoreOptionsError');
};

describe('PostgresEventStore options', () => {
  it('accepts a pool or a connection string with the defaults', async () => {
    assert.deepEqual(postgresEventStoreOptionsProblems({ pool: fakePool().pool }), []);
    assert.deepEqual(postgresEventStoreOptionsProblems({ connectionString: URL, schema: 'audit_2', table: '_events' }), []);
    const store = new PostgresEventStore({ pool: fakePool().pool });
    assert.equal(store.tableName, '"public"."events_log"');
  });

  it('lists every problem in one typed error whose message says how to fix each', () => {
    let caught: unknown;
    try {
      new PostgresEventStore({
        schema: 'Public',
        table: 'events; DROP TABLE users',
        cleanupBatchSize: 0,
        retention: { defaultMs: -5 },
      } as never);
    } catch (error) {
      caught = error;
    }
    assert.ok(caught instanceof InvalidPostgresEventStoreOptionsError);
    assert.equal(caught.name, 'InvalidPostgresEventStoreOptionsError');
    assert.equal(caught.problems.length, 5);
    assert.match(caught.message, /^PostgresEventStore options are invalid \(5 problems\):/);
    assert.match(caught.message, /pass either "pool" \(a pg\.Pool you own\) or "connectionString"/);
    assert.match(caught.message, /schema must be a lower-case PostgreSQL identifier .* got "Public"/);
    assert.match(caught.message, /table must be a lower-case PostgreSQL identifier .* got "events; DROP TABLE users"/);
    assert.match(caught.message, /cleanupBatchSize must be an integer from 1 to 1000000/);
    assert.match(caught.message, /retention\.defaultMs must be a positive integer of milliseconds or null/);
  });

  it('rejects both connections at once, a pool without query(), an empty URL and a non-object', () => {
    assert.deepEqual(
      problemsOf(() => new PostgresEventStore({ pool: fakePool().pool, connectionString: URL })),
      ['pass either "pool" (a pg.Pool you own) or "connectionString" (the store then owns its pool), not both and not neither'],
    );
    assert.deepEqual(
      problemsOf(() => new PostgresEventStore({ pool: {} as pg.Pool })),
      ['pool must be a pg.Pool (an object with query() and connect())'],
    );
    assert.match(problemsOf(() => new PostgresEventStore({ connectionString: ' ' }))[0]!, /connectionString must be a non-empty string/);
    assert.deepEqual(
      problemsOf(() => new PostgresEventStore(null as never)),
      ['options must be an object'],
    );
  });

  it('names a misspelt option with the one it meant, and a catalog that is not one', () => {
    assert.deepEqual(
      problemsOf(() => new PostgresEventStore({ connectionString: URL, tabel: 'log', catalog: [] } as never)),
      [
        'unknown option "tabel" (did you mean "table"?); the options are pool, connectionString, schema, table, retention, cleanupBatchSize, catalog',
        'catalog must be an EventCatalog (an object with get(type, version)), got an array; build one with new EventCatalog([...definitions]) or pass webNovelCatalog',
      ],
    );
  });

  it('allows identifiers of 1 to 63 lower-case characters only', () => {
    const tableProblems = (table: unknown) => postgresEventStoreOptionsProblems({ pool: fakePool().pool, table });
    assert.deepEqual(tableProblems('a'), []);
    assert.deepEqual(tableProblems('a'.repeat(63)), []);
    for (const bad of ['', 'a'.repeat(64), '9events', 'events-log', 'évents', '"events"', 'events log', 42]) {
      assert.equal(tableProblems(bad).length, 1, `table ${JSON.stringify(bad)} must be rejected`);
    }
  });

  it('keeps index names within 63 characters and distinct for long table names', () => {
    assert.equal(indexName('events_log', 'pending_idx'), 'events_log_pending_idx');
    const long = indexName('a'.repeat(63), 'source_time_idx');
    const other = indexName(`${'a'.repeat(62)}b`, 'source_time_idx');
    assert.ok(long.length <= 63 && other.length <= 63);
    assert.notEqual(long, other);
    assert.ok(long.endsWith('_source_time_idx'));
  });
});

describe('PostgresEventStore without a server', () => {
  const event = createDomainEvent({ type: 'a.b', data: {} });

  it('rejects a transaction that is not a pg client, naming the option, before any query', async () => {
    const { pool, calls } = fakePool();
    const store = new PostgresEventStore({ pool });
    for (const transaction of [{}, null, 'tx', { query: 'SELECT 1' }]) {
      await assert.rejects(store.append(event, { transaction }), (error: unknown) => {
        assert.ok(error instanceof InvalidTransactionError);
        assert.equal(error.name, 'InvalidTransactionError');
        assert.match(
          error.message,
          /^append: options\.transaction must be a pg client \(the PoolClient from pool\.connect\(\) or a Client\)/,
        );
        assert.match(error.message, /nothing was appended/);
        return true;
      });
    }
    await assert.rejects(
      store.appendMany([], { transaction: 42 }),
      /^InvalidTransactionError: appendMany: options\.transaction .* got number 42/,
    );
    assert.deepEqual(calls, []);
  });

  it('rejects invalid queries before touching the pool', async () => {
    const { pool, calls } = fakePool();
    const store = new PostgresEventStore({ pool });
    await assert.rejects(store.find({}, { limit: 0 }), { name: 'InvalidEventQueryError' });
    await assert.rejects(store.cleanup(new Date(Number.NaN)), { name: 'InvalidEventQueryError' });
    await assert.rejects(store.removeExpired(new Date(Number.NaN)), /now must be a valid Date/);
    await assert.rejects(store.findUndispatched(new Date(Number.NaN), -1), (error: unknown) => {
      assert.deepEqual((error as { problems: string[] }).problems, [
        'olderThan must be a valid Date',
        'limit must be an integer from 0 to 10000',
      ]);
      return true;
    });
    assert.deepEqual(calls, []);
  });

  it('leaves a pool it was given open, and closes a pool it created once', async () => {
    const { pool, calls } = fakePool();
    await new PostgresEventStore({ pool }).close();
    assert.deepEqual(calls, []);
    const owned = new PostgresEventStore({ connectionString: URL });
    let ends = 0;
    const end = owned.pool.end.bind(owned.pool);
    owned.pool.end = (() => {
      ends++;
      return end();
    }) as typeof owned.pool.end;
    await Promise.all([owned.close(), owned.close()]);
    await owned.close();
    assert.equal(ends, 1);
    assert.equal(owned.pool.ended, true);
  });
});
