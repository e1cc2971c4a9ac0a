import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import pg from 'pg';
import { readDatabaseConfig, type DatabaseKind } from './database.config.js';
import { InvalidDatabaseConfigError } from './errors/invalid-database-config.error.js';

/** An open database: the one `pg` pool every store and repository of the service shares. */
export interface Database {
  /**
   * The pool to query through. On `embedded` it has ONE connection: code that holds a client (`pool.connect()`) must
   * finish with it before querying through `pool.query`, or that query waits for the only connection until the 10 s
   * connection timeout fails it.
   */
  readonly pool: pg.Pool;
  readonly kind: DatabaseKind;
  /** Ends the pool and, for `embedded`, the socket server and PGlite. Idempotent. */
  close(): Promise<void>;
}

/** Connection attempts give up after this, so an unreachable server fails a query instead of hanging it. */
const CONNECTION_TIMEOUT_MS = 10_000;

/**
 * Opens the service's database from its environment: with `DATABASE_URL`, a `pg` pool to that PostgreSQL server;
 * without it, PGlite in this process (in memory, or in `PGLITE_DATA_DIR`), served by `@electric-sql/pglite-socket` on
 * 127.0.0.1 at a free port, with a `pg` pool of max 1 to it. The socket server takes one connection at a time, and
 * PGlite has a single session anyway, so two connections would share one transaction; one connection is the honest
 * shape. The embedded database is for one process, a demo and tests, never production.
 *
 * @throws InvalidDatabaseConfigError naming each variable it cannot use; nothing is opened then
 */
export async function openDatabase(env: NodeJS.ProcessEnv = process.env): Promise<Database> {
  const problems: string[] = [];
  const config = readDatabaseConfig(env, problems);
  if (problems.length > 0) throw new InvalidDatabaseConfigError(problems);
  if (config.kind === 'server') return openServer(config.url!);
  return openEmbedded(config.dataDir);
}

function openServer(url: string): Database {
  const pool = new pg.Pool({ connectionString: url, connectionTimeoutMillis: CONNECTION_TIMEOUT_MS });
  // An idle client whose connection drops makes the pool emit 'error', which would crash the process unheard; the
  // pool has already discarded that client and the next query reconnects.
  pool.on('error', () => undefined);
  let closing: Promise<void> | undefined;
  return { pool, kind: 'server', close: () => (closing ??= pool.end()) };
}

async function openEmbedded(dataDir: string | undefined): Promise<Database> {
  const db = await PGlite.create(dataDir === undefined ? {} : { dataDir });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0 });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  const port = Number(server.getServerConn().split(':').pop());
  const pool = new pg.Pool({
    host: '127.0.0.1',
    port,
    user: 'postgres',
    database: 'postgres',
    max: 1,
    // Keep the one connection: closing it when idle would only make the next query reconnect.
    idleTimeoutMillis: 0,
    connectionTimeoutMillis: CONNECTION_TIMEOUT_MS,
  });
  pool.on('error', () => undefined);
  let closing: Promise<void> | undefined;
  const close = async () => {
    await pool.end();
    await server.stop();
    await db.close();
  };
  return { pool, kind: 'embedded', close: () => (closing ??= close()) };
}
