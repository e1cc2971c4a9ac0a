import {
  InvalidEventQueryError,
  type EventCatalog,
  type AppendOptions,
  type DomainEvent,
  type EventFilter,
  type EventPage,
  type EventStore,
  type PageRequest,
  type ReplayOptions,
  type StoredEvent,
} from '@webnovel/events';
import { MAX_PAGE_LIMIT, queryProblems } from '@webnovel/events/internal';
import pg from 'pg';
import { InvalidPostgresEventStoreOptionsError } from './errors/invalid-postgres-event-store-options.error.js';
import { InvalidTransactionError } from './errors/invalid-transaction.error.js';
import { insertOneParameters, insertParameters, toStoredEvent } from './event-row.mapper.js';
import {
  postgresEventStoreOptionsProblems,
  resolvePostgresEventStoreOptions,
  type PostgresEventStoreOptions,
  type ResolvedPostgresEventStoreOptions,
} from './postgres-event-store.options.js';
import { eventLogMigrations } from './migrations/event-log.migrations.js';
import { runMigrations } from './migrations/migrations.runner.js';
import { DEFAULT_HISTORY_TABLE } from './migrations/migrations.options.js';
import { EventLogSql, type BoundStatement, type EventRow, type Statement } from './postgres.sql.js';

/** What `AppendOptions.transaction` must be for this store: a pg client (`PoolClient` or `Client`) inside the caller's BEGIN. */
export type PostgresTransaction = Pick<pg.ClientBase, 'query'>;

/** Something statements can run on: the pool, or the caller's transaction client. */
type Queryable = Pick<pg.ClientBase, 'query'>;

/** Connection attempts of a pool the store creates give up after this, so an unreachable server fails fast. */
const OWNED_POOL_CONNECTION_TIMEOUT_MS = 10_000;
const DEFAULT_REPLAY_BATCH_SIZE = 500;

/**
 * The durable event log on PostgreSQL, with the `pg` driver. One table holds the log; reads are keyset queries in
 * `(occurred_at, id)` order, and a batch of any size is appended in one statement. Pass a `pg` client inside your
 * BEGIN as `options.transaction` to append atomically with your own writes (transactional outbox).
 *
 * Call `ensureSchema()` once at startup (or run its DDL in a migration) before the first append.
 *
 * @example
 * const store = new PostgresEventStore({ connectionString: process.env.POSTGRES_URL });
 * await store.ensureSchema();
 * EventsModule.forRoot({ store, ... });
 */
export class PostgresEventStore implements EventStore {
  /** The pool the store queries through: the one passed in, or the one it created (and closes on `close()`). */
  readonly pool: pg.Pool;
  private readonly options: ResolvedPostgresEventStoreOptions;
  private readonly sql: EventLogSql;
  private readonly ownsPool: boolean;
  private closing: Promise<void> | undefined;
  private catalog: EventCatalog | undefined;

  /** @throws InvalidPostgresEventStoreOptionsError listing every problem of `options`; nothing is connected then */
  constructor(options: PostgresEventStoreOptions) {
    const problems = postgresEventStoreOptionsProblems(options);
    if (problems.length > 0) throw new InvalidPostgresEventStoreOptionsError(problems);
    this.options = resolvePostgresEventStoreOptions(options);
    this.sql = new EventLogSql(this.options.schema, this.options.table);
    this.catalog = this.options.catalog;
    this.ownsPool = this.options.pool === undefined;
    this.pool =
      this.options.pool ??
      new pg.Pool({ connectionString: this.options.connectionString, connectionTimeoutMillis: OWNED_POOL_CONNECTION_TIMEOUT_MS });
    // An idle client whose connection drops makes the pool emit 'error', which would crash the process unheard; the
    // pool has already discarded that client and the next query reconnects, so there is nothing more to do here.
    if (this.ownsPool) this.pool.on('error', () => undefined);
  }

  /** Revives payloads read back through `catalog`, unless the constructor was given one. `EventsModule` calls it. */
  bindCatalog(catalog: EventCatalog): void {
    this.catalog ??= catalog;
  }

  /** `"schema"."table"` of the log, for callers writing their own queries (reports, migrations). */
  get tableName(): string {
    return this.sql.qualified;
  }

  /**
   * Creates the schema (unless `public`), the table and its indexes when missing, by applying the log's migrations
   * (`eventLogMigrations`, recorded in `public.webnovel_migrations`). Safe to call from several processes at once: an
   * advisory lock serializes the runs. It holds one connection of the pool and asks for no other, so it works on a
   * pool of one. A table dropped by hand is only recreated once its rows in the history table are deleted too.
   */
  async ensureSchema(): Promise<void> {
    await runMigrations(this.pool, eventLogMigrations({ schema: this.options.schema, table: this.options.table }));
  }

  /**
   * Drops the log's table and forgets its applied migrations, in one transaction, so `ensureSchema()` creates it again
   * from scratch. For tests and teardown: every event in the table is lost.
   */
  async dropSchema(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`DROP TABLE IF EXISTS ${this.sql.qualified}`);
      const history = `public.${DEFAULT_HISTORY_TABLE}`;
      const { rows } = await client.query<{ exists: boolean }>('SELECT to_regclass($1) IS NOT NULL AS exists', [history]);
      if (rows[0]?.exists) await client.query(`DELETE FROM ${history} WHERE migration_set = $1`, [this.sql.lockKey]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async append(event: DomainEvent, options?: AppendOptions): Promise<void> {
    await this.insert('append', [event], options);
  }

  /** Appends any number of events in one INSERT; ids already stored (or repeated in the batch) keep their first copy. */
  async appendMany(events: readonly DomainEvent[], options?: AppendOptions): Promise<void> {
    await this.insert('appendMany', events, options);
  }

  async getById(id: string): Promise<StoredEvent | null> {
    const { rows } = await this.run(this.pool, { ...this.sql.getById, values: [id] });
    return rows[0] ? toStoredEvent(rows[0], this.catalog) : null;
  }

  /** @throws InvalidEventQueryError before any query when the filter or page is invalid */
  async find(filter: EventFilter, page: PageRequest): Promise<EventPage> {
    const problems = queryProblems(filter, page);
    if (problems.length > 0) throw new InvalidEventQueryError(problems);
    const { rows } = await this.run(this.pool, this.sql.find(filter, page));
    const events = rows.map((row) => toStoredEvent(row, this.catalog));
    const last = events[events.length - 1];
    return {
      events,
      nextCursor: events.length === page.limit && last ? { occurredAt: last.event.occurredAt, id: last.event.id } : null,
    };
  }

  /** Keyset batches of `batchSize`; only one batch is held at a time, and `signal` is checked before every event. */
  async replay(filter: EventFilter, handler: (stored: StoredEvent) => Promise<void> | void, options: ReplayOptions = {}): Promise<number> {
    const limit = options.batchSize ?? DEFAULT_REPLAY_BATCH_SIZE;
    let count = 0;
    let page = await this.find(filter, { limit });
    for (;;) {
      for (const stored of page.events) {
        if (options.signal?.aborted) return count;
        await handler(stored);
        count++;
      }
      if (!page.nextCursor || options.signal?.aborted) return count;
      page = await this.find(filter, { limit, after: page.nextCursor });
    }
  }

  /**
   * Deletes in batches of `cleanupBatchSize` rows, each its own statement, so a large purge never holds one long lock.
   *
   * @throws InvalidEventQueryError before any query when `before` or `filter.types` is invalid
   */
  async cleanup(before: Date, filter: Pick<EventFilter, 'types'> = {}): Promise<number> {
    const problems = queryProblems({ ...filter, to: before });
    if (problems.length > 0) throw new InvalidEventQueryError(problems);
    return this.deleteInBatches(() => this.sql.cleanupBatch(before, filter.types, this.options.cleanupBatchSize));
  }

  /** Deletes events whose `expires_at` is at or before `now`, in batches like `cleanup`. Schedule it: PostgreSQL has no TTL index. */
  async removeExpired(now = new Date()): Promise<number> {
    if (!isValidDate(now)) throw new InvalidEventQueryError(['now must be a valid Date']);
    return this.deleteInBatches(() => ({ ...this.sql.removeExpired, values: [now, this.options.cleanupBatchSize] }));
  }

  async markDispatched(ids: readonly string[], at = new Date()): Promise<void> {
    if (ids.length === 0) return;
    await this.run(this.pool, { ...this.sql.markDispatched, values: [ids, at] });
  }

  /** @throws InvalidEventQueryError before any query when `olderThan` or `limit` is invalid */
  async findUndispatched(olderThan: Date, limit: number): Promise<StoredEvent[]> {
    const problems: string[] = [];
    if (!isValidDate(olderThan)) problems.push('olderThan must be a valid Date');
    if (!Number.isInteger(limit) || limit < 0 || limit > MAX_PAGE_LIMIT)
      problems.push(`limit must be an integer from 0 to ${MAX_PAGE_LIMIT}`);
    if (problems.length > 0) throw new InvalidEventQueryError(problems);
    if (limit === 0) return [];
    const { rows } = await this.run(this.pool, { ...this.sql.findUndispatched, values: [olderThan, limit] });
    return rows.map((row) => toStoredEvent(row, this.catalog));
  }

  /**
   * `SELECT 1` through the pool, for health checks: proves a connection can be had and the server answers. While the
   * server is unreachable it rejects once connecting fails (refused at once, or after the pool's connection timeout,
   * 10 s for a pool the store creates); the health check's own timeout is usually shorter.
   */
  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  /** Ends the pool if the store created it; a pool passed in stays open for its owner. Idempotent. */
  async close(): Promise<void> {
    if (!this.ownsPool) return;
    this.closing ??= this.pool.end();
    await this.closing;
  }

  private async insert(operation: string, events: readonly DomainEvent[], options: AppendOptions | undefined): Promise<void> {
    const target = this.target(operation, options?.transaction);
    if (events.length === 0) return;
    const status = options?.status ?? 'pending';
    const storedAt = new Date();
    if (events.length === 1) {
      await this.run(target, { ...this.sql.insertOne, values: insertOneParameters(events[0]!, status, storedAt, this.options.retention) });
    } else {
      await this.run(target, { ...this.sql.insert, values: insertParameters(events, status, storedAt, this.options.retention) });
    }
  }

  /** The caller's transaction client when one is given, else the pool. */
  private target(operation: string, transaction: unknown): Queryable {
    if (transaction === undefined) return this.pool;
    if (transaction === null || typeof transaction !== 'object' || typeof (transaction as { query?: unknown }).query !== 'function') {
      throw new InvalidTransactionError(operation, transaction);
    }
    return transaction as Queryable;
  }

  private async deleteInBatches(next: () => BoundStatement): Promise<number> {
    let total = 0;
    for (;;) {
      const { rowCount } = await this.run(this.pool, next());
      const deleted = rowCount ?? 0;
      total += deleted;
      // A short batch means nothing matched beyond it, which saves the final empty round trip.
      if (deleted < this.options.cleanupBatchSize) return total;
    }
  }

  private run(target: Queryable, statement: Statement & { values: unknown[] }): Promise<pg.QueryResult<EventRow>> {
    return target.query<EventRow>({ name: statement.name, text: statement.text, values: statement.values });
  }
}

function isValidDate(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}
