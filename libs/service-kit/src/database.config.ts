/**
 * Where a service's SQL runs: `server`, the PostgreSQL server at `DATABASE_URL`; `embedded`, PGlite (PostgreSQL
 * compiled to WASM) inside the process, for a fresh machine, a demo and tests. Both are reached through the same `pg`
 * pool, so the code above them is the same.
 */
export type DatabaseKind = 'embedded' | 'server';

/** Where a service's SQL runs, read from its environment. */
export interface DatabaseConfig {
  /** `server` when `DATABASE_URL` is set. @default 'embedded' */
  readonly kind: DatabaseKind;
  /** `DATABASE_URL`: a `postgres://` or `postgresql://` URL of the server; set only for `server`. */
  readonly url?: string;
  /**
   * `PGLITE_DATA_DIR`: the directory where the embedded database keeps its files, so data survives a restart.
   * @default unset: in memory, gone when the process ends
   */
  readonly dataDir?: string;
}

/**
 * Reads `DATABASE_URL` and `PGLITE_DATA_DIR`, and pushes onto `problems` one line per variable it cannot use, naming
 * the variable and never echoing the URL (it may hold a password).
 */
export function readDatabaseConfig(env: NodeJS.ProcessEnv, problems: string[]): DatabaseConfig {
  const url = env.DATABASE_URL || undefined;
  const dataDir = env.PGLITE_DATA_DIR || undefined;
  if (url === undefined) return dataDir === undefined ? { kind: 'embedded' } : { kind: 'embedded', dataDir };
  if (!/^postgres(ql)?:\/\//.test(url))
    problems.push('DATABASE_URL must start with postgres:// or postgresql://, such as postgres://postgres@127.0.0.1:5432/app');
  // Silently ignoring one of the two would leave someone looking for data in the wrong database.
  if (dataDir !== undefined)
    problems.push('PGLITE_DATA_DIR is for the embedded database only, which DATABASE_URL replaces; unset one of them');
  return { kind: 'server', url };
}
