// Public API of @webnovel/events-postgres: the PostgreSQL EventStore. The only package of the repo that imports `pg`.
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
