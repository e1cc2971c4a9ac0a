import type { EventCatalog } from '../catalog/event-catalog.js';
import { InvalidEventQueryError } from '../errors/event-store.error.js';
import { reviveEvent } from '../event/event.reviver.js';
import type { DomainEvent } from '../interfaces/domain-event.interface.js';
import type {
  AppendOptions,
  EventFilter,
  EventPage,
  EventStore,
  PageRequest,
  ReplayOptions,
  StoredEvent,
} from '../interfaces/event-store.interface.js';
import { compareEventPosition, queryProblems } from './event-order.js';
import { expiresAtFor, type RetentionOptions } from './retention.js';

/** Options of the in-memory store. */
export interface InMemoryEventStoreOptions {
  readonly retention?: RetentionOptions;
  /** Revives appended payloads as their catalog classes. @default the catalog of the `EventsModule` using the store */
  readonly catalog?: EventCatalog;
}

const matches = (filter: EventFilter, e: DomainEvent): boolean =>
  (filter.types === undefined || filter.types.includes(e.type)) &&
  (filter.source === undefined || e.source === filter.source) &&
  (filter.correlationId === undefined || e.correlationId === filter.correlationId) &&
  (filter.from === undefined || e.occurredAt >= filter.from) &&
  (filter.to === undefined || e.occurredAt < filter.to);

/**
 * The embedded default log: an array kept in `(occurredAt, id)` order plus an id index. Not durable; it is
 * the reference implementation the conformance suite is written against.
 */
export class InMemoryEventStore implements EventStore {
  private ordered: StoredEvent[] = [];
  private readonly byId = new Map<string, StoredEvent>();
  private catalog: EventCatalog | undefined;

  constructor(private readonly options: InMemoryEventStoreOptions = {}) {
    this.catalog = options.catalog;
  }

  /** Events appended from now on are revived through `catalog`, unless the constructor was given one. */
  bindCatalog(catalog: EventCatalog): void {
    this.catalog ??= catalog;
  }

  async append(event: DomainEvent, options?: AppendOptions): Promise<void> {
    this.insert(event, options);
  }

  async appendMany(events: readonly DomainEvent[], options?: AppendOptions): Promise<void> {
    for (const event of events) this.insert(event, options);
  }

  async getById(id: string): Promise<StoredEvent | null> {
    return this.byId.get(id) ?? null;
  }

  async find(filter: EventFilter, page: PageRequest): Promise<EventPage> {
    const problems = queryProblems(filter, page);
    if (problems.length > 0) throw new InvalidEventQueryError(problems);
    const start = page.after ? this.indexAfter(page.after) : 0;
    let skip = page.offset ?? 0;
    const events: StoredEvent[] = [];
    for (let i = start; i < this.ordered.length && events.length < page.limit; i++) {
      const stored = this.ordered[i]!;
      if (!matches(filter, stored.event)) continue;
      if (skip > 0) {
        skip--;
        continue;
      }
      events.push(stored);
    }
    const last = events[events.length - 1];
    return { events, nextCursor: events.length === page.limit && last ? { occurredAt: last.event.occurredAt, id: last.event.id } : null };
  }

  async replay(filter: EventFilter, handler: (stored: StoredEvent) => Promise<void> | void, options: ReplayOptions = {}): Promise<number> {
    const batchSize = options.batchSize ?? 500;
    let count = 0;
    let page = await this.find(filter, { limit: batchSize });
    for (;;) {
      for (const stored of page.events) {
        if (options.signal?.aborted) return count;
        await handler(stored);
        count++;
      }
      if (!page.nextCursor) return count;
      page = await this.find(filter, { limit: batchSize, after: page.nextCursor });
    }
  }

  async cleanup(before: Date, filter: Pick<EventFilter, 'types'> = {}): Promise<number> {
    const problems = queryProblems({ ...filter, to: before });
    if (problems.length > 0) throw new InvalidEventQueryError(problems);
    return this.removeWhere((s) => s.event.occurredAt < before && (filter.types === undefined || filter.types.includes(s.event.type)));
  }

  async removeExpired(now = new Date()): Promise<number> {
    return this.removeWhere((s) => s.expiresAt !== null && s.expiresAt <= now);
  }

  async markDispatched(ids: readonly string[], at = new Date()): Promise<void> {
    for (const id of ids) {
      const stored = this.byId.get(id);
      if (!stored || stored.dispatchStatus === 'dispatched') continue;
      const updated = Object.freeze({ ...stored, dispatchStatus: 'dispatched' as const, dispatchedAt: at });
      this.byId.set(id, updated);
      this.ordered[this.indexOf(stored)] = updated;
    }
  }

  async findUndispatched(olderThan: Date, limit: number): Promise<StoredEvent[]> {
    return [...this.byId.values()]
      .filter((s) => s.dispatchStatus === 'pending' && s.storedAt < olderThan)
      .sort((a, b) => a.storedAt.getTime() - b.storedAt.getTime() || compareEventPosition(a.event, b.event))
      .slice(0, limit);
  }

  /** Resolves at once: the log lives in this process, so there is nothing to reach. */
  async ping(): Promise<void> {}

  async close(): Promise<void> {}

  private insert(appended: DomainEvent, options: AppendOptions | undefined): void {
    if (this.byId.has(appended.id)) return;
    // Revived once here rather than on every read; a live event from publish passes through untouched.
    const event = reviveEvent(appended, this.catalog);
    const storedAt = new Date();
    const status = options?.status ?? 'pending';
    const stored: StoredEvent = Object.freeze({
      event,
      storedAt,
      dispatchStatus: status,
      dispatchedAt: status === 'dispatched' ? storedAt : null,
      expiresAt: expiresAtFor(this.options.retention, event.type, storedAt),
    });
    this.byId.set(event.id, stored);
    this.ordered.splice(this.indexAfter(event), 0, stored);
  }

  /** Index of the first stored event strictly after `position` (binary search). */
  private indexAfter(position: { occurredAt: Date; id: string }): number {
    let lo = 0;
    let hi = this.ordered.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareEventPosition(this.ordered[mid]!.event, position) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private indexOf(stored: StoredEvent): number {
    return this.indexAfter(stored.event) - 1;
  }

  private removeWhere(predicate: (stored: StoredEvent) => boolean): number {
    const before = this.ordered.length;
    // One pass instead of repeated splices: cleanup of a large log stays linear.
    this.ordered = this.ordered.filter((stored) => {
      if (!predicate(stored)) return true;
      this.byId.delete(stored.event.id);
      return false;
    });
    return before - this.ordered.length;
  }
}
