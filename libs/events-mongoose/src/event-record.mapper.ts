import { deserializeEvent, type DispatchStatus, type DomainEvent, type EventCatalog, type StoredEvent } from '@webnovel/events';
import type { EventLogRecord } from './event-log.schema.js';

/** Envelope field of each stored path, to report schema violations in the caller's terms. */
export const ENVELOPE_FIELD_OF_PATH: Readonly<Record<string, string>> = Object.freeze({
  _id: 'id',
  event_type: 'type',
  version: 'version',
  correlation_id: 'correlationId',
  causation_id: 'causationId',
  event_data: 'data',
  metadata: 'metadata',
  timestamp: 'occurredAt',
  source: 'source',
});

/** The document appended for `event`, stored at `storedAt`. */
export function toEventRecord(event: DomainEvent, storedAt: Date, status: DispatchStatus, expiresAt: Date | null): EventLogRecord {
  return {
    _id: event.id,
    event_type: event.type,
    version: event.version,
    correlation_id: event.correlationId,
    causation_id: event.causationId ?? null,
    // Stored by reference: the driver serializes it without mutating it, so frozen payloads are fine.
    event_data: event.data,
    metadata: event.metadata,
    timestamp: event.occurredAt,
    source: event.source,
    dispatch_status: status,
    dispatched_at: status === 'dispatched' ? storedAt : null,
    created_at: storedAt,
    expires_at: expiresAt,
  };
}

/**
 * The `StoredEvent` of a lean document. The envelope goes through `deserializeEvent`, so it is validated and deeply
 * frozen exactly like an event read from any other store or transport; with a catalog, its payload is its catalog class.
 *
 * @throws InvalidEventEnvelopeError when the document does not hold a sound envelope (written by something else)
 */
export function toStoredEvent(record: EventLogRecord, catalog?: EventCatalog): StoredEvent {
  const event = deserializeEvent(
    {
      id: record._id,
      type: record.event_type,
      version: record.version,
      occurredAt: record.timestamp,
      source: record.source ?? '',
      correlationId: record.correlation_id,
      causationId: record.causation_id ?? null,
      data: record.event_data,
      metadata: record.metadata ?? {},
    },
    catalog,
  );
  return Object.freeze({
    event,
    storedAt: record.created_at,
    dispatchStatus: record.dispatch_status,
    dispatchedAt: record.dispatched_at ?? null,
    expiresAt: record.expires_at ?? null,
  });
}
