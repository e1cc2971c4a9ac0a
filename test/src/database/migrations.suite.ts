import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  InvalidMigrationsOptionsError,
  MigrationFailedError,
  runMigrations,
  type PostgresMigration,
  type RunMigrationsOptions,
} from '@webnovel/events-postgres';
import { withTimeout } from '@webnovel/testing';
import type pg from 'pg';

/** Two pools on one database: two pools to the server, or the embedded database's one pool twice (it has one connection). */
export interface MigrationsTarget {
  readonly first: pg.Pool;
  readonly second: pg.Pool;
  close(): Promise<void>;
}

const RUN_TIMEOUT_MS = 15_000;

/** The runMigrations suite, the same on PostgreSQL and on PGlite. Every set and table is random and removed at the end. */
export function describeMigrations(name: string, open: () => Promise<MigrationsTarget>): void {
  describe(`runMigrations on ${name}`, () => {
    let target: MigrationsTarget;
    const tables: string[] = [];
    const sets: string[] = [];

    before(async () => {
      target = await open();
    });
    after(async () => {
      for (const table of tables) await target.first.query(`DROP TABLE IF EXISTS "${table}"`);
      await target.first.query('DELETE FROM webnovel_migrations WHERE migration_set = ANY($1::text[])', [sets]);
      await target.close();
    });

    /** A set whose first migration creates a table and whose later ones each insert one row, so re-runs show. */
    const newSet = (rows: number): RunMigrationsOptions & { table: string } => {
      const table = `mig_${randomBytes(6).toString('hex')}`;
      tables.push(table);
      const lockKey = `test:${table}`;
      sets.push(lockKey);
      const migrations: PostgresMigration[] = [
        { name: '0001_create', up: async (client) => void (await client.query(`CREATE TABLE "${table}" (n int NOT NULL)`)) },
        ...Array.from({ length: rows }, (_, i) => insertRow(table, i + 2)),
      ];
      return { migrations, lockKey, table };
    };
    const insertRow = (table: string, n: number): PostgresMigration => ({
      name: `${String(n).padStart(4, '0')}_row`,
      up: async (client) => void (await client.query(`INSERT INTO "${table}" (n) VALUES ($1)`, [n])),
    });
    const rowsOf = async (table: string) =>
      (await target.first.query<{ n: number }>(`SELECT n FROM "${table}" ORDER BY n`)).rows.map((r) => r.n);
    const run = (pool: pg.Pool, options: RunMigrationsOptions) =>
      withTimeout(runMigrations(pool, options), RUN_TIMEOUT_MS, `runMigrations of ${options.lockKey}`);

    it('applies every migration once, in order; a re-run is a no-op; a new version applies alone', async () => {
      const set = newSet(2);
      assert.deepEqual((await run(target.first, set)).applied, ['0001_create', '0002_row', '0003_row']);
      assert.deepEqual((await run(target.first, set)).applied, []);
      assert.deepEqual(await rowsOf(set.table), [2, 3]);
      const next = { ...set, migrations: [...set.migrations, insertRow(set.table, 4)] };
      assert.deepEqual((await run(target.second, next)).applied, ['0004_row']);
      assert.deepEqual(await rowsOf(set.table), [2, 3, 4]);
    });

    it('two runners at once both finish, and each migration is applied exactly once (advisory lock)', async () => {
      const set = newSet(3);
      const results = await Promise.all([run(target.first, set), run(target.second, set), run(target.first, set)]);
      const applied = results.map((r) => r.applied).filter((a) => a.length > 0);
      assert.deepEqual(applied, [['0001_create', '0002_row', '0003_row', '0004_row']], 'one runner applied all, the others none');
      assert.deepEqual(await rowsOf(set.table), [2, 3, 4]);
      const { rows } = await target.first.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM webnovel_migrations WHERE migration_set = $1',
        [set.lockKey],
      );
      assert.equal(rows[0]!.n, 4);
    });

    it('a failing migration rolls the whole run back with a typed error, and the fixed set applies next time', async () => {
      const set = newSet(1);
      const broken: PostgresMigration = {
        name: '0003_broken',
        up: async (client) => void (await client.query('SELECT * FROM no_such_table')),
      };
      await assert.rejects(run(target.first, { ...set, migrations: [...set.migrations, broken] }), (error: unknown) => {
        assert.ok(error instanceof MigrationFailedError);
        assert.equal(error.name, 'MigrationFailedError');
        assert.equal(error.migration, '0003_broken');
        assert.match(error.message, /^Migration 0003_broken of test:mig_\w+ failed, so this run was rolled back .*no_such_table/);
        return true;
      });
      const { rows } = await target.first.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [`"${set.table}"`]);
      assert.equal(rows[0]!.t, null, 'the table of 0001 was rolled back too');
      assert.deepEqual((await run(target.first, set)).applied, ['0001_create', '0002_row']);
      // The pool's one connection came back after the failure: the pool still answers.
      assert.deepEqual(await rowsOf(set.table), [2]);
    });

    it('rejects bad options before connecting, naming every problem', async () => {
      const up = async () => undefined;
      await assert.rejects(
        runMigrations(target.first, {
          lockKey: ' ',
          historyTable: 'Bad-Name',
          migrations: [
            { name: 'a', up },
            { name: 'a', up },
          ],
        }),
        (error: unknown) => {
          assert.ok(error instanceof InvalidMigrationsOptionsError);
          assert.deepEqual(error.problems, [
            'lockKey must be a non-empty string naming the migration set, such as user-service',
            'historyTable must be a lower-case PostgreSQL identifier (letters, digits, _), such as webnovel_migrations',
            'migrations[1].name a is used twice; each version needs its own name',
          ]);
          return true;
        },
      );
    });
  });
}
