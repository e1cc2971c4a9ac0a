import { InvalidPostgresEventStoreOptionsError } from '../errors/invalid-postgres-event-store-options.error.js';
import { DEFAULT_SCHEMA, DEFAULT_TABLE, IDENTIFIER_PATTERN } from '../postgres-event-store.options.js';
import { identifierProblem } from '../postgres.messages.js';
import { EventLogSql } from '../postgres.sql.js';
import type { PostgresMigration, RunMigrationsOptions } from './migrations.options.js';

/**
 * The migration set of one event log table: pass it to `runMigrations` (which is what `ensureSchema()` does). The
 * lock key is the one `ensureSchema` always used, so old and new versions of a service starting together still
 * serialize their DDL.
 *
 * @throws InvalidPostgresEventStoreOptionsError when `schema` or `table` is not a lower-case identifier
 */
export function eventLogMigrations(target: { schema?: string; table?: string } = {}): RunMigrationsOptions {
  const problems = (['schema', 'table'] as const)
    .filter((key) => target[key] !== undefined && !IDENTIFIER_PATTERN.test(target[key]!))
    .map((key) => identifierProblem(key, target[key]));
  if (problems.length > 0) throw new InvalidPostgresEventStoreOptionsError(problems);
  const sql = new EventLogSql(target.schema ?? DEFAULT_SCHEMA, target.table ?? DEFAULT_TABLE);
  const migrations: PostgresMigration[] = [
    {
      // Idempotent DDL (IF NOT EXISTS), so a table that ensureSchema created before migrations existed is adopted as is.
      name: '0001_event-log',
      up: async (client) => {
        for (const statement of sql.schemaStatements()) await client.query(statement);
      },
    },
  ];
  return { migrations, lockKey: sql.lockKey };
}
