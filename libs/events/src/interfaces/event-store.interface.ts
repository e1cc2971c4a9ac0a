import type { EventCatalog } from '../catalog/event-catalog.js';
import type { DomainEvent } from './domain-event.interface.js';

/** Where an event is in its dispatch. The seed's `processed` flag, made explicit. */
export type DispatchStatus = 'pending' | 'dispatched';

/** An event as the log keeps it. */
export interface StoredEvent<TData = unknown> {
  readonly event: DomainEvent<TData>;
  readonly storedAt: Date;
  readonly dispatchStatus: DispatchStatus;
  readonly dispatchedAt: Date | null;
  /** When retention removes it, or `null` to keep it until `cleanup`. */
  readonly expiresAt: Date | null;
}

/** Selects events. Every field narrows; an empty filter selects everything. */
export interface EventFilter {
  /** Exact types. */
  readonly types?: readonly string[];
  readonly source?: string;
  readonly correlationId?: string;
  /** Inclusive lower bound on `occurredAt`. */
  readonly from?: Date;
  /** Exclusive upper bound on `occurredAt`. */
  readonly to?: Date;
}

/** A position in the log's total order, `(occurredAt, id)`. */
export interface EventCursor {
  readonly occurredAt: Date;
  readonly id: string;
}

/**
 * One page of a query. Use `after` (keyset pagination, constant cost at any depth) for scans; `offset` is
 * kept for the seed's API and small admin pages, and gets slower the deeper it goes.
 */
export interface PageRequest {
  /** 1 to 10,000. */
  readonly limit: number;
  readonly offset?: number;
  /** Start strictly after this position. Cannot be combined with `offset`. */
  readonly after?: EventCursor;
}

/** A page of events in `(occurredAt, id)` order, with the cursor of its last event when more may follow. */
export interface EventPage {
  readonly events: readonly StoredEvent[];
  readonly nextCursor: EventCursor | null;
}

/** Options of `append` and `appendMany`. */
export interface AppendOptions {
  /**
   * A transaction of the store's own driver (for PostgreSQL a `pg` client inside BEGIN), so the caller logs events
   * atomically with its own writes: the transactional outbox. The events are appended as `pending`; the outbox
   * relay dispatches them after the commit.
   */
  readonly transaction?: unknown;
  /** Appended as already dispatched, for events whose handlers ran elsewhere (imports, transports). @default 'pending' */
  readonly status?: DispatchStatus;
}

/** Options of `replay`. */
export interface ReplayOptions {
  /** Events fetched per round trip; memory stays bounded by it. @default 500 */
  readonly batchSize?: number;
  /** Stops the replay between events. */
  readonly signal?: AbortSignal;
}

/**
 * The durable event log. Adapters: in-memory (embedded default), Mongoose and PostgreSQL; each passes the
 * same conformance suite (`@webnovel/events/testing`).
 */
export interface EventStore {
  /** Appends one event. Appending an id that is already stored keeps the first copy and is not an error. */
  append(event: DomainEvent, options?: AppendOptions): Promise<void>;
  /** Appends several events in one round trip, with the same idempotency. */
  appendMany(events: readonly DomainEvent[], options?: AppendOptions): Promise<void>;
  getById(id: string): Promise<StoredEvent | null>;
  /** Events matching `filter` in `(occurredAt, id)` order. */
  find(filter: EventFilter, page: PageRequest): Promise<EventPage>;
  /**
   * Streams every matching event, in order, to `handler`, one at a time, fetching `batchSize` at a time with
   * keyset pagination so memory stays constant. Resolves with the number of events replayed.
   */
  replay(filter: EventFilter, handler: (stored: StoredEvent) => Promise<void> | void, options?: ReplayOptions): Promise<number>;
  /** Deletes events that occurred before `before` (optionally of some types only) and returns how many. */
  cleanup(before: Date, filter?: Pick<EventFilter, 'types'>): Promise<number>;
  /** Deletes events whose retention has run out and returns how many (a TTL index may do it unasked). */
  removeExpired(now?: Date): Promise<number>;
  markDispatched(ids: readonly string[], at?: Date): Promise<void>;
  /** Pending events stored before `olderThan`, oldest first: what the outbox relay re-dispatches. */
  findUndispatched(olderThan: Date, limit: number): Promise<StoredEvent[]>;
  /**
   * A cheap round trip that proves the store answers, for health checks; rejects when it does not. Optional: a
   * store without it is reported as not checked.
   */
  ping?(): Promise<void>;
  /**
   * Gives the store the catalog to revive payloads with, so every read (`getById`, `find`, `replay`,
   * `findUndispatched`) returns `data` as an instance of its catalog class with real `Date`s. `EventsModule` calls it
   * with its own catalog; a catalog passed to the store's constructor wins. Optional: the bus revives what a store
   * without it returns before any handler sees it, but direct reads then return plain JSON.
   */
  bindCatalog?(catalog: EventCatalog): void;
  /** Releases connections the store owns. Idempotent. */
  close(): Promise<void>;
}
