import type pg from 'pg';
import { Umzug } from 'umzug';
import { InvalidMigrationsOptionsError } from '../errors/invalid-migrations-options.error.js';
import { MigrationFailedError } from '../errors/migration-failed.error.js';
import { MigrationHistoryStorage } from './migration-history.storage.js';
import { DEFAULT_HISTORY_TABLE, runMigrationsProblems, type RunMigrationsOptions } from './migrations.options.js';

/** What one run did. */
export interface MigrationsResult {
  /** Names of the migrations this run applied, in order; empty when the set was already up to date. */
  readonly applied: readonly string[];
}

/**
 * Applies the pending migrations of one set, for start-up. umzug decides what is pending from the history table;
 * this function gives it one client of `pool` and one transaction for the whole run, under a transaction-level
 * advisory lock keyed by `lockKey`, so two instances starting at once apply each migration exactly once (the second
 * waits, then finds nothing pending). A failing migration rolls the whole run back.
 *
 * It holds exactly one connection and never asks the pool for a second, so it runs on a pool of max 1 (the embedded
 * PGlite). Migrations run in a transaction: `CREATE INDEX CONCURRENTLY` and the like cannot be used in one.
 *
 * @throws InvalidMigrationsOptionsError listing every problem of `options`, before connecting
 * @throws MigrationFailedError naming the migration that threw; nothing of the run is applied
 */
export async function runMigrations(pool: pg.Pool, options: RunMigrationsOptions): Promise<MigrationsResult> {
  const problems = runMigrationsProblems(options);
  if (problems.length > 0) throw new InvalidMigrationsOptionsError(problems);
  const history = `"public"."${options.historyTable ?? DEFAULT_HISTORY_TABLE}"`;
  const client = await pool.connect();
  try {
    // Every set shares the history table, so its creation is serialized on a key of its own, not the set's.
    await inTransaction(client, async () => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`webnovel-migrations:${history}`]);
      await client.query(MigrationHistoryStorage.createStatement(history));
    });
    return await inTransaction(client, async () => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [options.lockKey]);
      const umzug = new Umzug({
        migrations: options.migrations.map((m) => ({
          name: m.name,
          up: async () => {
            try {
              await m.up(client);
            } catch (cause) {
              throw new MigrationFailedError(options.lockKey, m.name, { cause });
            }
          },
        })),
        storage: new MigrationHistoryStorage(client, history, options.lockKey),
        logger: undefined,
      });
      try {
        const applied = await umzug.up();
        return { applied: applied.map((m) => m.name) };
      } catch (error) {
        // umzug wraps what a migration throws in its own MigrationError; hand back ours, which names the set too.
        throw findCause(error, MigrationFailedError) ?? error;
      }
    });
  } finally {
    client.release();
  }
}

async function inTransaction<T>(client: pg.ClientBase, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

function findCause<E extends Error>(error: unknown, type: new (...args: never[]) => E): E | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 10; current = current.cause, depth++) {
    if (current instanceof type) return current;
  }
  return undefined;
}
