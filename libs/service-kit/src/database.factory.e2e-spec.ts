import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { withTimeout } from '@webnovel/testing';
import { openDatabase } from './database.factory.js';

// The server half runs against the local PostgreSQL (database `test`); the embedded half needs nothing installed.
const POSTGRES_URL = process.env.POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

describe('openDatabase', () => {
  it('without DATABASE_URL opens PGlite in memory behind a pool of one, and closes it idempotently', async () => {
    const database = await openDatabase({});
    try {
      assert.equal(database.kind, 'embedded');
      assert.equal(database.pool.options.max, 1);
      const { rows } = await database.pool.query<{ version: string }>('SELECT version()');
      assert.match(rows[0]!.version, /^PostgreSQL \d+/);
      // Queries from many callers queue on the one connection instead of being dropped by the socket server.
      const results = await withTimeout(
        Promise.all(Array.from({ length: 20 }, (_, i) => database.pool.query<{ n: number }>('SELECT $1::int AS n', [i]))),
        10_000,
        'twenty concurrent queries on the pool of one',
      );
      assert.deepEqual(
        results.map((r) => r.rows[0]!.n),
        Array.from({ length: 20 }, (_, i) => i),
      );
    } finally {
      await database.close();
      await database.close();
    }
    await assert.rejects(database.pool.query('SELECT 1'), /Cannot use a pool after calling end/);
  });

  it('keeps its data in PGLITE_DATA_DIR across a close and a reopen', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'pglite-'));
    try {
      const first = await openDatabase({ PGLITE_DATA_DIR: dataDir });
      await first.pool.query('CREATE TABLE kept (n int)');
      await first.pool.query('INSERT INTO kept VALUES (42)');
      await first.close();
      const second = await openDatabase({ PGLITE_DATA_DIR: dataDir });
      try {
        const { rows } = await second.pool.query<{ n: number }>('SELECT n FROM kept');
        assert.deepEqual(rows, [{ n: 42 }]);
      } finally {
        await second.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('with DATABASE_URL opens a normal pool to the server', async () => {
    const database = await openDatabase({ DATABASE_URL: POSTGRES_URL });
    try {
      assert.equal(database.kind, 'server');
      assert.notEqual(database.pool.options.max, 1);
      const { rows } = await database.pool.query<{ db: string }>('SELECT current_database() AS db');
      assert.equal(rows[0]!.db, new URL(POSTGRES_URL).pathname.slice(1));
    } finally {
      await database.close();
      await database.close();
    }
  });
});
