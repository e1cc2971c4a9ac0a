import { createHash } from 'node:crypto';
import type { EventFilter } from '@webnovel/events';

// SQL of the store, built once per table. Schema and table names are validated against IDENTIFIER_PATTERN before they
// get here and are always double-quoted; every value travels as a bind parameter.

/** A statement with a stable name: pg prepares it once per connection and then only binds, which skips re-planning. */
export interface Statement {
  readonly name: string;
  readonly text: string;
}

/** A statement plus the values of one execution. */
export interface BoundStatement extends Statement {
  readonly values: unknown[];
}

/** A row of the log as pg returns it (timestamptz → Date, jsonb → parsed JSON, int → number). */
export interface EventRow {
  id: string;
  event_type: string;
  version: number;
  occurred_at: Date;
  source: string;
  correlation_id: string;
  causation_id: string | null;
  data: unknown;
  metadata: Record<string, string>;
  stored_at: Date;
  dispatch_status: 'pending' | 'dispatched';
  dispatched_at: Date | null;
  expires_at: Date | null;
}

const COLUMNS =
  'id, event_type, version, occurred_at, source, correlation_id, causation_id, data, metadata, stored_at, dispatch_status, dispatched_at, expires_at';

/** Postgres folds identifiers longer than 63 bytes, which could make two index names collide; long ones get a hash instead. */
const MAX_IDENTIFIER = 63;

const quote = (identifier: string): string => `"${identifier}"`;
const hash = (text: string, length: number): string => createHash('sha1').update(text).digest('hex').slice(0, length);
const named = (text: string): Statement => ({ name: `webnovel_events_${hash(text, 24)}`, text });

/** The name of one of the table's indexes: `<table>_<suffix>`, shortened with a hash when it would pass 63 characters. */
export function indexName(table: string, suffix: string): string {
  const plain = `${table}_${suffix}`;
  if (plain.length <= MAX_IDENTIFIER) return plain;
  return `${table.slice(0, MAX_IDENTIFIER - suffix.length - 10)}_${hash(table, 8)}_${suffix}`;
}

/** Every statement of one `schema.table`, plus the builders of the filter-shaped ones. */
export class EventLogSql {
  readonly qualified: string;
  /**
   * Any number of events in one statement with 13 parameters: ten typed arrays unnested in step and three scalars
   * shared by the batch. The text never depends on the batch size, so it is prepared once per connection.
   */
  readonly insert: Statement;
  /** One event with 13 scalar parameters: for a single event PostgreSQL plans VALUES faster than unnesting arrays. */
  readonly insertOne: Statement;
  readonly getById: Statement;
  readonly markDispatched: Statement;
  readonly findUndispatched: Statement;
  readonly removeExpired: Statement;
  /** Serializes concurrent `ensureSchema` calls: CREATE ... IF NOT EXISTS alone races on the catalog. */
  readonly lockKey: string;
  private readonly cache = new Map<string, Statement>();

  constructor(
    readonly schema: string,
    readonly table: string,
  ) {
    this.qualified = `${quote(schema)}.${quote(table)}`;
    this.lockKey = `webnovel-events:${schema}.${table}`;
    const t = this.qualified;
    this.insert = named(
      `INSERT INTO ${t} (${COLUMNS}) ` +
        'SELECT e.id, e.event_type, e.version, e.occurred_at, e.source, e.correlation_id, e.causation_id, e.data, e.metadata, ' +
        '$10::timestamptz, $11::text, $12::timestamptz, e.expires_at ' +
        'FROM unnest($1::text[], $2::text[], $3::int[], $4::timestamptz[], $5::text[], $6::text[], $7::text[], $8::jsonb[], $9::jsonb[], ' +
        '$13::timestamptz[]) AS e(id, event_type, version, occurred_at, source, correlation_id, causation_id, data, metadata, expires_at) ' +
        'ON CONFLICT (id) DO NOTHING',
    );
    this.insertOne = named(
      `INSERT INTO ${t} (${COLUMNS}) ` +
        'VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10::timestamptz, $11, $12::timestamptz, $13::timestamptz) ' +
        'ON CONFLICT (id) DO NOTHING',
    );
    this.getById = named(`SELECT ${COLUMNS} FROM ${t} WHERE id = $1`);
    this.markDispatched = named(
      `UPDATE ${t} SET dispatch_status = 'dispatched', dispatched_at = $2 WHERE id = ANY($1::text[]) AND dispatch_status = 'pending'`,
    );
    this.findUndispatched = named(
      `SELECT ${COLUMNS} FROM ${t} WHERE dispatch_status = 'pending' AND stored_at < $1 ORDER BY stored_at, occurred_at, id LIMIT $2`,
    );
    this.removeExpired = named(`DELETE FROM ${t} WHERE id IN (SELECT id FROM ${t} WHERE expires_at <= $1 LIMIT $2)`);
  }

  /** The DDL of `ensureSchema`, in order. Every statement is idempotent. */
  schemaStatements(): string[] {
    const t = this.qualified;
    const index = (suffix: string, definition: string) =>
      `CREATE INDEX IF NOT EXISTS ${quote(indexName(this.table, suffix))} ON ${t} ${definition}`;
    return [
      ...(this.schema === 'public' ? [] : [`CREATE SCHEMA IF NOT EXISTS ${quote(this.schema)}`]),
      // timestamptz(3): JS Dates carry milliseconds, so stored values round-trip exactly and keyset cursors built
      // from them compare equal. COLLATE "C" orders ids by code point, like the JS comparison of the other stores.
      `CREATE TABLE IF NOT EXISTS ${t} (` +
        'id text COLLATE "C" PRIMARY KEY, ' +
        'event_type text NOT NULL, ' +
        'version int NOT NULL, ' +
        'occurred_at timestamptz(3) NOT NULL, ' +
        'source text NOT NULL, ' +
        'correlation_id text NOT NULL, ' +
        'causation_id text NULL, ' +
        'data jsonb NOT NULL, ' +
        "metadata jsonb NOT NULL DEFAULT '{}'::jsonb, " +
        'stored_at timestamptz(3) NOT NULL, ' +
        "dispatch_status text NOT NULL CHECK (dispatch_status IN ('pending', 'dispatched')), " +
        'dispatched_at timestamptz(3) NULL, ' +
        'expires_at timestamptz(3) NULL)',
      index('type_time_idx', '(event_type, occurred_at DESC)'),
      index('source_time_idx', '(source, occurred_at DESC)'),
      index('position_idx', '(occurred_at, id)'),
      // Tracing one business flow (find({ correlationId })) would otherwise scan the whole log.
      index('correlation_idx', '(correlation_id, occurred_at)'),
      index('pending_idx', "(stored_at) WHERE dispatch_status = 'pending'"),
      index('expires_idx', '(expires_at) WHERE expires_at IS NOT NULL'),
    ];
  }

  /** The page query for a validated filter and page, in `(occurred_at, id)` order. */
  find(filter: EventFilter, page: { limit: number; offset?: number; after?: { occurredAt: Date; id: string } }): BoundStatement {
    const values: unknown[] = [];
    const where = this.conditions(filter, values);
    if (page.after) {
      values.push(page.after.occurredAt, page.after.id);
      where.push(`(occurred_at, id) > ($${values.length - 1}::timestamptz, $${values.length}::text)`);
    }
    values.push(page.limit);
    let sql = `SELECT ${COLUMNS} FROM ${this.qualified}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY occurred_at, id LIMIT $${values.length}`;
    if (page.offset) {
      values.push(page.offset);
      sql += ` OFFSET $${values.length}`;
    }
    return { ...this.cached(sql), values };
  }

  /** One batch of `cleanup`: deletes at most `limit` events older than `before`. */
  cleanupBatch(before: Date, types: readonly string[] | undefined, limit: number): BoundStatement {
    const values: unknown[] = [before];
    let condition = 'occurred_at < $1';
    if (types !== undefined) {
      values.push(types);
      condition += ` AND event_type = ANY($${values.length}::text[])`;
    }
    values.push(limit);
    const t = this.qualified;
    return { ...this.cached(`DELETE FROM ${t} WHERE id IN (SELECT id FROM ${t} WHERE ${condition} LIMIT $${values.length})`), values };
  }

  private conditions(filter: EventFilter, values: unknown[]): string[] {
    const where: string[] = [];
    const add = (value: unknown, condition: (param: string) => string) => {
      values.push(value);
      where.push(condition(`$${values.length}`));
    };
    if (filter.types !== undefined) add(filter.types, (p) => `event_type = ANY(${p}::text[])`);
    if (filter.source !== undefined) add(filter.source, (p) => `source = ${p}`);
    if (filter.correlationId !== undefined) add(filter.correlationId, (p) => `correlation_id = ${p}`);
    if (filter.from !== undefined) add(filter.from, (p) => `occurred_at >= ${p}::timestamptz`);
    if (filter.to !== undefined) add(filter.to, (p) => `occurred_at < ${p}::timestamptz`);
    return where;
  }

  /** Filter-shaped statements come in a few dozen shapes at most; each is hashed once. */
  private cached(text: string): Statement {
    let statement = this.cache.get(text);
    if (!statement) {
      statement = named(text);
      this.cache.set(text, statement);
    }
    return statement;
  }
}
