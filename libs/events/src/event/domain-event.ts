import { InvalidEventEnvelopeError } from '../errors/invalid-event-envelope.error.js';
import type { DomainEvent, DomainEventInit, EventCreateOptions } from '../interfaces/domain-event.interface.js';
import { deepFreeze } from './deep-freeze.util.js';
import { envelopeViolations, isSoundEnvelope } from './envelope.validator.js';
import { uuidV7 } from './uuid-v7.util.js';

const EMPTY_METADATA: Readonly<Record<string, string>> = Object.freeze({});

/**
 * Builds an immutable envelope. Unset fields get their defaults: a UUIDv7 id, now, version 1, and a
 * correlation id equal to the event's own id (a root event starts its own flow).
 *
 * @throws InvalidEventEnvelopeError when a given field has the wrong kind
 */
export function createDomainEvent<TData, TType extends string>(init: DomainEventInit<TData, TType>): DomainEvent<TData, TType> {
  const id = init.id ?? uuidV7();
  const event: DomainEvent<TData, TType> = {
    id,
    type: init.type,
    version: init.version ?? 1,
    occurredAt: init.occurredAt ?? new Date(),
    source: init.source ?? '',
    correlationId: init.correlationId ?? id,
    causationId: init.causationId ?? null,
    data: init.data,
    metadata: init.metadata ? { ...init.metadata } : EMPTY_METADATA,
  };
  if (!isSoundEnvelope(event)) throw new InvalidEventEnvelopeError(envelopeViolations(event));
  // What deepFreeze(event) would do, without walking the fields that are primitives: a sound envelope's metadata
  // holds strings only, and EMPTY_METADATA is frozen already.
  deepFreeze(event.data);
  deepFreeze(event.occurredAt);
  if (event.metadata !== EMPTY_METADATA) Object.freeze(event.metadata);
  return Object.freeze(event);
}

/**
 * The options that make a new event a consequence of `parent`: same correlation id, causation id set to the
 * parent's id. Spread it into a factory call: `bookPurchased(data, causedBy(event))`.
 */
export function causedBy(
  parent: Pick<DomainEvent, 'id' | 'correlationId'>,
): Required<Pick<EventCreateOptions, 'correlationId' | 'causationId'>> {
  return { correlationId: parent.correlationId, causationId: parent.id };
}

/** Returns a copy of `event` with some envelope fields replaced; the id and data stay. */
export function withEnvelope<TData, TType extends string>(
  event: DomainEvent<TData, TType>,
  changes: Partial<Pick<DomainEvent<TData, TType>, 'source' | 'metadata' | 'data' | 'version'>>,
): DomainEvent<TData, TType> {
  return deepFreeze({ ...event, ...changes, metadata: changes.metadata ? { ...changes.metadata } : event.metadata });
}
