import type { DomainEvent } from '@webnovel/events';

// The statements PostgresEventStore sends (libs/events-postgres/src/postgres.sql.ts), written out the way a hand-rolled
// pg user would, so a ratio against them is the store's own overhead: mapping, retention, dedupe and row checks.
const COLUMNS =
  'id, event_type, version, occurred_at, source, correlation_id, causation_id, data, metadata, stored_at, dispatch_status, dispatched_at, expires_at';

/** One event, `INSERT … VALUES … ON CONFLICT DO NOTHING`, 13 parameters (see `rawRowValues`). */
export const insertOneSql = (table: string): string =>
  `INSERT INTO ${table} (${COLUMNS}) ` +
  'VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10::timestamptz, $11, $12::timestamptz, $13::timestamptz) ' +
  'ON CONFLICT (id) DO NOTHING';

/** A batch of any size in one statement, through `unnest` of typed arrays. */
export const insertManySql = (table: string): string =>
  `INSERT INTO ${table} (${COLUMNS}) ` +
  'SELECT e.id, e.event_type, e.version, e.occurred_at, e.source, e.correlation_id, e.causation_id, e.data, e.metadata, ' +
  '$10::timestamptz, $11::text, $12::timestamptz, e.expires_at ' +
  'FROM unnest($1::text[], $2::text[], $3::int[], $4::timestamptz[], $5::text[], $6::text[], $7::text[], $8::jsonb[], $9::jsonb[], ' +
  '$13::timestamptz[]) AS e(id, event_type, version, occurred_at, source, correlation_id, causation_id, data, metadata, expires_at) ' +
  'ON CONFLICT (id) DO NOTHING';

/** The markDispatched UPDATE. */
export const markDispatchedSql = (table: string): string =>
  `UPDATE ${table} SET dispatch_status = 'dispatched', dispatched_at = $2 WHERE id = ANY($1::text[]) AND dispatch_status = 'pending'`;

/** The 13 parameters of `insertOneSql` for a pending event with no expiry. */
export function rawRowValues(e: DomainEvent, storedAt = new Date()): unknown[] {
  return [
    e.id,
    e.type,
    e.version,
    e.occurredAt.toISOString(),
    e.source,
    e.correlationId,
    e.causationId,
    JSON.stringify(e.data),
    JSON.stringify(e.metadata),
    storedAt.toISOString(),
    'pending',
    null,
    null,
  ];
}
