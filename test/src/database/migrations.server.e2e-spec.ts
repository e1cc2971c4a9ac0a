import pg from 'pg';
import { describeMigrations } from './migrations.suite.js';

// The local PostgreSQL server (database `test`), through two independent pools as two service instances would have.
const POSTGRES_URL = process.env.POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

describeMigrations('the PostgreSQL server (two pools)', async () => {
  const first = new pg.Pool({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 5000 });
  const second = new pg.Pool({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 5000 });
  return { first, second, close: async () => void (await Promise.all([first.end(), second.end()])) };
});
