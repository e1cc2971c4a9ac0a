import type { EventCatalog } from '../catalog/event-catalog.js';
import type { DomainEvent } from './domain-event.interface.js';

/**
 * Keeps the latest events per type for fast "recent events of type X" reads that never touch the store
 * (seed 3.3). Best effort: the bus logs and counts a failed `add` and never fails a publish for it.
 */
export interface RecentEventCache {
  /** Remembers `event` as the newest of its type. */
  add(event: DomainEvent): Promise<void>;
  /** The newest events of `type`, newest first, at most `limit`. */
  recent(type: string, limit?: number): Promise<DomainEvent[]>;
  /**
   * Gives the cache the catalog to revive payloads with, as `EventStore.bindCatalog` does; a catalog passed to the
   * cache's constructor wins.
   */
  bindCatalog?(catalog: EventCatalog): void;
  /** Releases connections the cache owns. Idempotent. */
  close(): Promise<void>;
}
