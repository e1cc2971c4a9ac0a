// Public API of @webnovel/events-postgres: the PostgreSQL EventStore and the migrations runner of every PostgreSQL schema.
export { PostgresEventStore, type PostgresTransaction } from './postgres.event-store.js';
export {
  DEFAULT_CLEANUP_BATCH_SIZE,
  DEFAULT_SCHEMA,
  DEFAULT_TABLE,
  IDENTIFIER_PATTERN,
  postgresEventStoreOptionsProblems,
  type PostgresEventStoreOptions,
} from './postgres-event-store.options.js';
export { InvalidPostgresEventStoreOptionsError } from './errors/invalid-postgres-event-store-options.error.js';
export { InvalidTransactionError } from './errors/invalid-transaction.error.js';
export { runMigrations, type MigrationsResult } from './migrations/migrations.runner.js';
export { DEFAULT_HISTORY_TABLE, type PostgresMigration, type RunMigrationsOptions } from './migrations/migrations.options.js';
export { eventLogMigrations } from './migrations/event-log.migrations.js';
export { InvalidMigrationsOptionsError } from './errors/invalid-migrations-options.error.js';
export { MigrationFailedError } from './errors/migration-failed.error.js';
