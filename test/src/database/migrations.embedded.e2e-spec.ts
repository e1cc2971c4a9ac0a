import { openDatabase } from '@webnovel/service-kit';
import { describeMigrations } from './migrations.suite.js';

// PGlite behind the pool of one: the concurrent runners queue for the one connection instead of deadlocking.
describeMigrations('the embedded PGlite (pool of one)', async () => {
  const database = await openDatabase({});
  return { first: database.pool, second: database.pool, close: () => database.close() };
});
