import {
  deserializeEvent,
  type DomainEvent,
  type DispatchStatus,
  type EventCatalog,
  type RetentionOptions,
  type StoredEvent,
} from '@webnovel/events';
import { expiresAtFor } from '@webnovel/events/internal';
import type { EventRow } from './postgres.sql.js';

/**
 * Rebuilds a frozen `StoredEvent` from a row. The envelope goes through `deserializeEvent`, so it is validated, deeply
 * frozen and, with a catalog, its payload an instance of its catalog class with real `Date`s.
 */
export function toStoredEvent(row: EventRow, catalog: EventCatalog | undefined): StoredEvent {
  const event = deserializeEvent(
    {
      id: row.id,
      type: row.event_type,
      version: row.version,
      occurredAt: row.occurred_at,
      source: row.source,
      correlationId: row.correlation_id,
      causationId: row.causation_id,
      data: row.data,
      metadata: row.metadata,
    },
    catalog,
  );
  return Object.freeze({
    event,
    storedAt: row.stored_at,
    dispatchStatus: row.dispatch_status,
    dispatchedAt: row.dispatched_at,
    expiresAt: row.expires_at,
  });
}

/** The 13 parameters of `EventLogSql.insertOne`, in column order. */
export function insertOneParameters(
  e: DomainEvent,
  status: DispatchStatus,
  storedAt: Date,
  retention: RetentionOptions | undefined,
): unknown[] {
  const stored = storedAt.toISOString();
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
    stored,
    status,
    status === 'dispatched' ? stored : null,
    expiresAtFor(retention, e.type, storedAt)?.toISOString() ?? null,
  ];
}

/**
 * The 13 parameters of `EventLogSql.insert` for a batch: one array per per-event column, plus `stored_at`, the status
 * and `dispatched_at` shared by the batch. Repeated ids keep their first copy here, so the result never depends on
 * how the server orders rows within one INSERT.
 */
export function insertParameters(
  events: readonly DomainEvent[],
  status: DispatchStatus,
  storedAt: Date,
  retention: RetentionOptions | undefined,
): unknown[] {
  const seen = new Set<string>();
  const ids: string[] = [];
  const types: string[] = [];
  const versions: number[] = [];
  const occurredAt: string[] = [];
  const sources: string[] = [];
  const correlationIds: string[] = [];
  const causationIds: (string | null)[] = [];
  const data: string[] = [];
  const metadata: string[] = [];
  const expiresAt: (string | null)[] = [];
  for (const e of events) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    ids.push(e.id);
    types.push(e.type);
    versions.push(e.version);
    // ISO strings: cheaper than pg's own Date formatting (local time plus offset), and identical in every time zone.
    occurredAt.push(e.occurredAt.toISOString());
    sources.push(e.source);
    correlationIds.push(e.correlationId);
    causationIds.push(e.causationId);
    data.push(JSON.stringify(e.data));
    metadata.push(JSON.stringify(e.metadata));
    expiresAt.push(expiresAtFor(retention, e.type, storedAt)?.toISOString() ?? null);
  }
  const stored = storedAt.toISOString();
  return [
    ids,
    types,
    versions,
    occurredAt,
    sources,
    correlationIds,
    causationIds,
    data,
    metadata,
    stored,
    status,
    status === 'dispatched' ? stored : null,
    expiresAt,
  ];
}
