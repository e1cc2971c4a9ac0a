import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createDomainEvent, type DomainEvent } from '@webnovel/events';
import { describeEventStoreConformance } from '@webnovel/events/testing';
import { withTimeout } from '@webnovel/testing';
import pg from 'pg';
import { InvalidTransactionError } from './errors/invalid-transaction.error.js';
import { PostgresEventStore } from './postgres.event-store.js';

// Runs against the local PostgreSQL (database `test`). Every store gets its own randomly named table, all dropped at the end.
const POSTGRES_URL = process.env.POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const pool = new pg.Pool({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 5000 });
const tables: { schema?: string; table: string }[] = [];
const schemas: string[] = [];

const uniqueName = (prefix: string) => `${prefix}_${randomBytes(6).toString('hex')}`;
const event = (type = 'a.b', occurredAt = new Date()): DomainEvent =>
  createDomainEvent({ type, occurredAt, data: { n: 1 }, source: 'svc' });

async function openStore(options: Omit<ConstructorParameters<typeof PostgresEventStore>[0], 'pool'> = {}, onPool = pool) {
  const table = uniqueName('events_log');
  if (options.schema) schemas.push(options.schema);
  tables.push({ schema: options.schema, table: options.table ?? table });
  const store = new PostgresEventStore({ pool: onPool, table, ...options });
  await store.ensureSchema();
  return store;
}

/** Counts the statements sent through `pool.query` while still running them. */
function countingPool(): { pool: pg.Pool; statements: string[] } {
  const counted = new pg.Pool({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 5000 });
  const statements: string[] = [];
  const query = counted.query.bind(counted) as (...args: unknown[]) => unknown;
  counted.query = ((...args: unknown[]) => {
    const first = args[0] as string | { text: string };
    statements.push(typeof first === 'string' ? first : first.text);
    return query(...args);
  }) as typeof counted.query;
  return { pool: counted, statements };
}

after(async () => {
  // dropSchema also forgets each table's migration history, so the shared test database keeps no trace of them.
  for (const { schema, table } of tables) await new PostgresEventStore({ pool, schema, table }).dropSchema();
  for (const schema of schemas) await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await pool.end();
});

describeEventStoreConformance('postgres', {
  open: (options) => openStore(options),
  clear: async (store) => void (await pool.query(`TRUNCATE ${(store as PostgresEventStore).tableName}`)),
});

describe('postgres event store', () => {
  let store: PostgresEventStore;
  before(async () => {
    store = await openStore();
  });

  it('drops its table and forgets its migrations, so ensureSchema creates it again from scratch', async () => {
    const own = await openStore();
    await own.append(event());
    await own.dropSchema();
    const { rows } = await pool.query('SELECT to_regclass($1) AS t', [own.tableName]);
    assert.equal(rows[0].t, null, 'the table is gone');
    await own.ensureSchema();
    assert.equal((await own.find({}, { limit: 10 })).events.length, 0, 'a fresh, empty log');
  });

  it('appends inside the caller transaction: ROLLBACK leaves no event, COMMIT keeps it', async () => {
    const rolledBack = event();
    const committed = event();
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await store.append(rolledBack, { transaction: client });
      await store.appendMany([event(), event()], { transaction: client });
      assert.equal(await store.getById(rolledBack.id), null, 'not visible outside the transaction before COMMIT');
      await client.query('ROLLBACK');
      await client.query('BEGIN');
      await store.append(committed, { transaction: client });
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    assert.equal(await store.getById(rolledBack.id), null);
    const stored = await store.getById(committed.id);
    assert.equal(stored?.dispatchStatus, 'pending');
    assert.equal((await store.find({}, { limit: 10 })).events.length, 1);
  });

  it('rejects a transaction that is not a pg client with a typed error, appending nothing', async () => {
    const e = event();
    await assert.rejects(store.append(e, { transaction: { begin: true } }), (error: unknown) => {
      assert.ok(error instanceof InvalidTransactionError);
      assert.equal(error.operation, 'append');
      assert.match(
        error.message,
        /^append: options\.transaction must be a pg client .* on which you ran BEGIN, but got an object without a query\(\) function \(begin\)/,
      );
      return true;
    });
    assert.equal(await store.getById(e.id), null);
  });

  it('appends 1,000 events in one statement, and a batch inside a transaction in one statement too', async () => {
    const { pool: counted, statements } = countingPool();
    try {
      const own = await openStore({}, counted);
      statements.length = 0;
      await own.appendMany(Array.from({ length: 1000 }, (_, i) => event('a.b', new Date(Date.UTC(2026, 0, 1, 0, 0, 0, i)))));
      assert.equal(statements.length, 1);
      assert.match(statements[0]!, /^INSERT INTO .* FROM unnest\(/);
      const { rows } = await counted.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${own.tableName}`);
      assert.equal(rows[0]!.n, 1000);

      const client = await counted.connect();
      const clientStatements: unknown[] = [];
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      client.query = ((...args: unknown[]) => (clientStatements.push(args[0]), query(...args))) as typeof client.query;
      try {
        await client.query('BEGIN');
        clientStatements.length = 0;
        await own.appendMany(
          Array.from({ length: 1000 }, () => event()),
          { transaction: client },
        );
        assert.equal(clientStatements.length, 1);
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    } finally {
      await counted.end();
    }
  });

  it('deletes in batches of cleanupBatchSize until nothing matches, for cleanup and removeExpired', async () => {
    const { pool: counted, statements } = countingPool();
    try {
      const own = await openStore({ cleanupBatchSize: 3, retention: { defaultMs: 1000 } }, counted);
      await own.appendMany(Array.from({ length: 10 }, (_, i) => event('old.one', new Date(Date.UTC(2020, 0, 1, 0, 0, i)))));
      await own.appendMany(Array.from({ length: 2 }, () => event('new.one')));
      statements.length = 0;
      assert.equal(await own.cleanup(new Date(Date.UTC(2021, 0, 1))), 10);
      assert.equal(statements.length, 4, 'batches of 3, 3, 3 and the short one that ends the loop');
      assert.ok(statements.every((s) => /^DELETE FROM .* WHERE id IN \(SELECT id FROM .* LIMIT \$\d+\)$/.test(s)));
      assert.equal(await own.removeExpired(new Date(Date.now() + 60_000)), 2);
    } finally {
      await counted.end();
    }
  });

  it('creates the table with millisecond timestamps, the collation of the JS order, and the listed indexes', async () => {
    const table = store.tableName.split('.')[1]!.replaceAll('"', '');
    const { rows: columns } = await pool.query<{
      column_name: string;
      data_type: string;
      datetime_precision: number | null;
      is_nullable: string;
    }>(
      `SELECT column_name, data_type, datetime_precision, is_nullable FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`,
      [table],
    );
    assert.deepEqual(
      columns.map(
        (c) => `${c.column_name} ${c.data_type}${c.datetime_precision === 3 ? '(3)' : ''}${c.is_nullable === 'YES' ? ' null' : ''}`,
      ),
      [
        'id text',
        'event_type text',
        'version integer',
        'occurred_at timestamp with time zone(3)',
        'source text',
        'correlation_id text',
        'causation_id text null',
        'data jsonb',
        'metadata jsonb',
        'stored_at timestamp with time zone(3)',
        'dispatch_status text',
        'dispatched_at timestamp with time zone(3) null',
        'expires_at timestamp with time zone(3) null',
      ],
    );
    const { rows } = await pool.query<{ indexdef: string }>(
      `SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = $1`,
      [table],
    );
    const definitions = rows.map((r) => r.indexdef.replace(/^.* USING btree /, ''));
    assert.deepEqual(
      definitions.sort(),
      [
        '(expires_at) WHERE (expires_at IS NOT NULL)',
        '(event_type, occurred_at DESC)',
        '(correlation_id, occurred_at)',
        '(id)',
        '(occurred_at, id)',
        '(source, occurred_at DESC)',
        "(stored_at) WHERE (dispatch_status = 'pending'::text)",
      ].sort(),
    );
    assert.ok(rows.some((r) => /UNIQUE INDEX .*_pkey .* \(id\)$/.test(r.indexdef)));
    // Keyset pages compare ids in SQL; the C collation makes that the code-point order compareEventPosition uses.
    const { rows: collation } = await pool.query<{ collation_name: string }>(
      `SELECT collation_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND column_name = 'id'`,
      [table],
    );
    assert.equal(collation[0]!.collation_name, 'C');
  });

  it('runs ensureSchema concurrently and repeatedly, in a schema it creates', async () => {
    const schema = uniqueName('events_schema');
    const own = await openStore({ schema });
    await Promise.all([own.ensureSchema(), own.ensureSchema(), own.ensureSchema()]);
    const e = event();
    await own.append(e);
    assert.equal((await own.getById(e.id))?.event.id, e.id);
    assert.match(own.tableName, new RegExp(`^"${schema}"\\."events_log_[0-9a-f]{12}"$`));
  });

  it('rejects with the driver error, within the connection timeout, when PostgreSQL is unreachable', async () => {
    const unreachable = new pg.Pool({ host: '127.0.0.1', port: 1, user: 'postgres', database: 'test', connectionTimeoutMillis: 2000 });
    unreachable.on('error', () => undefined);
    const own = new PostgresEventStore({ pool: unreachable });
    try {
      const started = Date.now();
      await withTimeout(
        assert.rejects(own.append(event()), (error: unknown) => {
          assert.ok(error instanceof Error);
          assert.match(`${(error as { code?: string }).code} ${error.message}`, /ECONNREFUSED|timeout/i);
          return true;
        }),
        5000,
        'append against an unreachable server to fail',
      );
      assert.ok(Date.now() - started < 5000);
    } finally {
      await own.close();
      await unreachable.end();
    }
  });
});
