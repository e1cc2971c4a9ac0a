import type { EventCatalog, RetentionOptions } from '@webnovel/events';
import { catalogOptionProblems, retentionProblems, unknownOptionProblem } from '@webnovel/events/internal';
import type pg from 'pg';
import {
  cleanupBatchSizeProblem,
  connectionProblem,
  connectionStringProblem,
  identifierProblem,
  optionsNotObjectProblem,
  poolProblem,
} from './postgres.messages.js';

/** Options of `PostgresEventStore`. Pass exactly one of `pool` and `connectionString`. */
export interface PostgresEventStoreOptions {
  /** A pool the caller owns: the store queries through it and leaves it open on `close()`. */
  readonly pool?: pg.Pool;
  /**
   * Where to connect when the store should own its pool (closed by `close()`). That pool gives up on a connection
   * attempt after 10 s, so an unreachable server fails an append instead of hanging it; pass `pool` to tune it.
   */
  readonly connectionString?: string;
  /** Schema of the table; created by `ensureSchema()` when missing. @default 'public' */
  readonly schema?: string;
  /** Table of the log. @default 'events_log' */
  readonly table?: string;
  /** How long events are kept; sets each event's `expires_at` at append time. @default keep until `cleanup` */
  readonly retention?: RetentionOptions;
  /** Rows one `DELETE` of `cleanup`/`removeExpired` removes, so a large purge never holds long locks. @default 5000 */
  readonly cleanupBatchSize?: number;
  /**
   * Revives every payload read back as its catalog class, with real `Date`s. Needed only when the store is used
   * without `EventsModule`, which binds its own catalog.
   * @default the catalog of the EventsModule using the store
   */
  readonly catalog?: EventCatalog;
}

/** The options after defaults. */
export interface ResolvedPostgresEventStoreOptions {
  readonly pool: pg.Pool | undefined;
  readonly connectionString: string | undefined;
  readonly schema: string;
  readonly table: string;
  readonly retention: RetentionOptions | undefined;
  readonly cleanupBatchSize: number;
  readonly catalog: EventCatalog | undefined;
}

/** Lower-case unquoted-style identifiers only: they are quoted anyway, but this keeps every name safe to splice into SQL. */
export const IDENTIFIER_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;
/** Schema of the log when `schema` is not set. */
export const DEFAULT_SCHEMA = 'public';
/** Table of the log when `table` is not set. */
export const DEFAULT_TABLE = 'events_log';
/** Rows per DELETE of `cleanup`/`removeExpired` when `cleanupBatchSize` is not set. */
export const DEFAULT_CLEANUP_BATCH_SIZE = 5000;
/** Larger batches would hold row locks and bloat one transaction's WAL for too long. */
export const MAX_CLEANUP_BATCH_SIZE = 1_000_000;

const KNOWN_OPTIONS: readonly string[] = ['pool', 'connectionString', 'schema', 'table', 'retention', 'cleanupBatchSize', 'catalog'];

/** Lists every problem of the options, so one error names them all. */
export function postgresEventStoreOptionsProblems(options: unknown): string[] {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) return [optionsNotObjectProblem()];
  const o = options as Record<string, unknown>;
  const problems: string[] = [];
  // A misspelt option would otherwise silently fall back to its default.
  for (const name of Object.keys(o)) if (!KNOWN_OPTIONS.includes(name)) problems.push(unknownOptionProblem(name, KNOWN_OPTIONS));
  const hasPool = o.pool !== undefined;
  const hasUrl = o.connectionString !== undefined;
  if (hasPool === hasUrl) problems.push(connectionProblem());
  if (hasPool && !isPoolLike(o.pool)) problems.push(poolProblem());
  if (hasUrl && (typeof o.connectionString !== 'string' || o.connectionString.trim() === '')) problems.push(connectionStringProblem());
  if (o.schema !== undefined && !isIdentifier(o.schema)) problems.push(identifierProblem('schema', o.schema));
  if (o.table !== undefined && !isIdentifier(o.table)) problems.push(identifierProblem('table', o.table));
  problems.push(...retentionProblems(o.retention, 'retention'));
  problems.push(...catalogOptionProblems(o.catalog));
  if (
    o.cleanupBatchSize !== undefined &&
    !(
      Number.isInteger(o.cleanupBatchSize) &&
      (o.cleanupBatchSize as number) >= 1 &&
      (o.cleanupBatchSize as number) <= MAX_CLEANUP_BATCH_SIZE
    )
  ) {
    problems.push(cleanupBatchSizeProblem(MAX_CLEANUP_BATCH_SIZE));
  }
  return problems;
}

/** Applies the defaults to options that passed validation. */
export function resolvePostgresEventStoreOptions(options: PostgresEventStoreOptions): ResolvedPostgresEventStoreOptions {
  return {
    pool: options.pool,
    connectionString: options.connectionString,
    schema: options.schema ?? DEFAULT_SCHEMA,
    table: options.table ?? DEFAULT_TABLE,
    retention: options.retention,
    cleanupBatchSize: options.cleanupBatchSize ?? DEFAULT_CLEANUP_BATCH_SIZE,
    catalog: options.catalog,
  };
}

function isIdentifier(value: unknown): value is string {
  return typeof value === 'string' && IDENTIFIER_PATTERN.test(value);
}

function isPoolLike(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  const p = value as { query?: unknown; connect?: unknown };
  return typeof p.query === 'function' && typeof p.connect === 'function';
}
