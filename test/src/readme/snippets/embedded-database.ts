// README "The embedded database": one database from the environment, with the log's migrations and the service's own.
import { eventLogMigrations, PostgresEventStore, runMigrations, type PostgresMigration } from '@webnovel/events-postgres';
import { openDatabase } from '@webnovel/service-kit';

/** The service's own tables: append a new version for each change, never edit a shipped one. */
const bookstoreMigrations: PostgresMigration[] = [
  {
    name: '0001_orders',
    up: async (client) =>
      void (await client.query('CREATE TABLE orders (id text PRIMARY KEY, user_id text NOT NULL, amount int NOT NULL)')),
  },
];

/** PGlite in memory without DATABASE_URL (or in PGLITE_DATA_DIR), the PostgreSQL server with it: the same pool and SQL. */
export async function openStorage(env: NodeJS.ProcessEnv = process.env) {
  const database = await openDatabase(env);
  try {
    // At start-up; each set is serialized by its own advisory lock, so instances may start together.
    await runMigrations(database.pool, eventLogMigrations());
    await runMigrations(database.pool, { migrations: bookstoreMigrations, lockKey: 'bookstore' });
  } catch (error) {
    await database.close();
    throw error;
  }
  return { database, store: new PostgresEventStore({ pool: database.pool }) };
}
