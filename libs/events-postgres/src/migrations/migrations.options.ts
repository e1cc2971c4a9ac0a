import type pg from 'pg';
import { IDENTIFIER_PATTERN } from '../postgres-event-store.options.js';

/** One versioned step of a schema: applied once, in list order, and recorded by `name`. */
export interface PostgresMigration {
  /** Unique within its set and never renamed once shipped (it is the version recorded), such as `0001_event-log`. */
  readonly name: string;
  /**
   * Applies the step on `client`, inside the run's transaction. Query `client` only, never the pool: on a pool of one
   * (the embedded PGlite) the run already holds the only connection, so a `pool.query` here would wait forever.
   */
  readonly up: (client: pg.ClientBase) => Promise<void>;
}

/** What `runMigrations` applies, and under which name. */
export interface RunMigrationsOptions {
  /** The set's migrations, oldest first. New versions are appended; shipped ones are never edited or reordered. */
  readonly migrations: readonly PostgresMigration[];
  /**
   * Names the set: the key of the advisory lock that serializes runs of this set across processes, and the
   * `migration_set` of its rows in the history table. Such as `webnovel-events:public.events_log` or `user-service`.
   */
  readonly lockKey: string;
  /** Table in `public` that records applied migrations of every set. @default 'webnovel_migrations' */
  readonly historyTable?: string;
}

/** The history table when `historyTable` is not set. */
export const DEFAULT_HISTORY_TABLE = 'webnovel_migrations';

/** Lists every problem of the options, so one error names them all. */
export function runMigrationsProblems(options: unknown): string[] {
  if (options === null || typeof options !== 'object') return ['options must be an object with migrations and lockKey'];
  const o = options as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof o.lockKey !== 'string' || o.lockKey.trim() === '')
    problems.push('lockKey must be a non-empty string naming the migration set, such as user-service');
  if (o.historyTable !== undefined && !(typeof o.historyTable === 'string' && IDENTIFIER_PATTERN.test(o.historyTable)))
    problems.push('historyTable must be a lower-case PostgreSQL identifier (letters, digits, _), such as webnovel_migrations');
  if (!Array.isArray(o.migrations)) {
    problems.push('migrations must be an array of { name, up(client) }');
    return problems;
  }
  const seen = new Set<string>();
  o.migrations.forEach((m: unknown, i) => {
    const migration = (m ?? {}) as { name?: unknown; up?: unknown };
    if (typeof migration.name !== 'string' || migration.name.trim() === '')
      problems.push(`migrations[${i}].name must be a non-empty string`);
    else if (seen.has(migration.name))
      problems.push(`migrations[${i}].name ${migration.name} is used twice; each version needs its own name`);
    else seen.add(migration.name);
    if (typeof migration.up !== 'function') problems.push(`migrations[${i}].up must be a function (client) => Promise<void>`);
  });
  return problems;
}
