import type { EventCatalog } from '../catalog/event-catalog.js';
import type { DomainEvent } from '../interfaces/domain-event.interface.js';
import { deserializeEvent } from './event.serializer.js';

/**
 * The revive step of every path that reads an event back (store reads, the relay, replay, the recent-event cache,
 * dead letters): `deserializeEvent` through the catalog, skipped when the event is already revived (its `occurredAt`
 * a Date and its `data` an instance of its catalog class), so a path that gets a live event pays nothing.
 *
 * @throws InvalidEventEnvelopeError when the event is not a sound envelope
 */
export function reviveEvent(event: DomainEvent, catalog: EventCatalog | undefined): DomainEvent {
  const definition = catalog?.get(event.type, event.version);
  const revived = event.occurredAt instanceof Date && (definition === undefined || event.data instanceof definition.payload);
  return revived && Object.isFrozen(event) ? event : deserializeEvent(event, catalog);
}
