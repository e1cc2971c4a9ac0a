import type { EventCatalog } from '../catalog/event-catalog.js';
import { toPayloadInstance } from '../catalog/event-definition.js';
import { InvalidEventEnvelopeError } from '../errors/invalid-event-envelope.error.js';
import type { DomainEvent } from '../interfaces/domain-event.interface.js';
import { deepFreeze } from './deep-freeze.util.js';
import { envelopeViolations } from './envelope.validator.js';

/** The JSON form of an envelope: `occurredAt` is an ISO-8601 string. */
export type SerializedDomainEvent = Omit<DomainEvent, 'occurredAt'> & { occurredAt: string };

/** Encodes an event as JSON. Dates become ISO-8601 strings. */
export function serializeEvent(event: DomainEvent): string {
  return JSON.stringify(event);
}

/**
 * Decodes an event from JSON (or its parsed form) and freezes it. With a catalog, `data` becomes an instance
 * of its payload class again, so dates and nested classes come back exactly as they were sent.
 *
 * @throws InvalidEventEnvelopeError when the input is not a sound envelope
 */
export function deserializeEvent(input: string | object, catalog?: EventCatalog): DomainEvent {
  const raw = (typeof input === 'string' ? JSON.parse(input) : { ...input }) as Record<string, unknown>;
  if (raw === null || typeof raw !== 'object') throw new InvalidEventEnvelopeError(envelopeViolations(raw));
  const occurredAt = typeof raw.occurredAt === 'string' ? new Date(raw.occurredAt) : raw.occurredAt;
  const definition = typeof raw.type === 'string' ? catalog?.get(raw.type, raw.version as number) : undefined;
  // Rebuilt field by field so unknown top-level keys from another producer do not leak into the envelope.
  const event = {
    id: raw.id,
    type: raw.type,
    version: raw.version,
    occurredAt,
    source: raw.source,
    correlationId: raw.correlationId,
    causationId: raw.causationId ?? null,
    data: definition && raw.data !== null && typeof raw.data === 'object' ? toPayloadInstance(definition.payload, raw.data) : raw.data,
    metadata: raw.metadata ?? {},
  };
  const violations = envelopeViolations(event);
  if (violations.length > 0) throw new InvalidEventEnvelopeError(violations);
  return deepFreeze(event as unknown as DomainEvent);
}
