import { performance } from 'node:perf_hooks';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventStoreUnavailableError } from '../errors/event-store.error.js';
import { EVENTS_LOGGER_CONTEXT, RESOLVED_EVENTS_OPTIONS } from '../events.constants.js';
import { describeError } from '../events.messages.js';
import type { EventCatalog } from '../catalog/event-catalog.js';
import { reviveEvent } from '../event/event.reviver.js';
import type { DomainEvent } from '../interfaces/domain-event.interface.js';
import type { EventStore } from '../interfaces/event-store.interface.js';
import type { RecentEventCache } from '../interfaces/recent-event-cache.interface.js';
import type { StoredEvent } from '../interfaces/event-store.interface.js';
import { epochMs, EventsInstrumentation } from '../observability/events-instrumentation.js';
import type { ResolvedEventsOptions } from '../options/events-options.resolver.js';

// Marks are written behind, in batches: one UPDATE per event would double the store's commits per publish. A crash
// loses at most this window of marks, and the relay re-dispatches those events (delivery is at least once anyway).
const MARK_FLUSH_MS = 20;
const MARK_BATCH_SIZE = 500;

/** Counters of the log's best-effort side. */
export interface EventLogStats {
  /** Cache writes that failed; each was logged and did not fail its publish. */
  readonly cacheFailures: number;
  /** `markDispatched` writes that failed; the relay will dispatch those events again. */
  readonly markFailures: number;
}

/**
 * The bus's side of the durable log: append before dispatch (fail closed), then mark dispatched and feed the
 * recent-event cache (both best effort). A no-op when no store is configured.
 */
@Injectable()
export class EventLog {
  private readonly logger = new Logger(EVENTS_LOGGER_CONTEXT);
  private readonly inFlight = new Set<Promise<void>>();
  private pendingMarks: string[] = [];
  private markTimer: NodeJS.Timeout | undefined;
  private cacheFailures = 0;
  private markFailures = 0;
  readonly store: EventStore | undefined;
  readonly cache: RecentEventCache | undefined;
  private readonly catalog: EventCatalog;

  constructor(
    @Inject(RESOLVED_EVENTS_OPTIONS) options: ResolvedEventsOptions,
    private readonly instrumentation: EventsInstrumentation,
  ) {
    this.store = options.store;
    this.cache = options.recentCache;
    this.catalog = options.catalog;
    // Before the first read, so the adapters' own reads (getById, find, replay, recent) revive payloads too.
    if (!this.catalog.isEmpty) {
      this.store?.bindCatalog?.(this.catalog);
      this.cache?.bindCatalog?.(this.catalog);
    }
  }

  /**
   * An event read back from the store or the cache, with its payload as its catalog class. Free for events an adapter
   * revived already; a store or cache without `bindCatalog` is revived here, so no read path hands a handler plain JSON.
   */
  revive(event: DomainEvent): DomainEvent {
    return reviveEvent(event, this.catalog);
  }

  /** The newest events of `type` from the recent-event cache, revived. */
  async recent(cache: RecentEventCache, type: string, limit?: number): Promise<DomainEvent[]> {
    return (await cache.recent(type, limit)).map((event) => this.revive(event));
  }

  get stats(): EventLogStats {
    return { cacheFailures: this.cacheFailures, markFailures: this.markFailures };
  }

  /**
   * Appends the events (one round trip for several) and feeds the cache.
   * @throws EventStoreUnavailableError when the store cannot append; nothing may be dispatched then
   */
  async record(events: readonly DomainEvent[]): Promise<void> {
    const store = this.store;
    if (store !== undefined && events.length > 0) {
      const started = this.instrumentation.active ? performance.now() : 0;
      try {
        await (events.length === 1 ? store.append(events[0]!) : store.appendMany(events));
      } catch (error) {
        this.appended(store, events.length, started, error);
        throw new EventStoreUnavailableError(store.constructor.name, events[0]!.type, events[0]!.id, { cause: error });
      }
      this.appended(store, events.length, started);
    }
    if (this.cache !== undefined) for (const event of events) this.track(this.cacheAdd(this.cache, event));
  }

  private appended(store: EventStore, count: number, started: number, error?: unknown): void {
    if (started === 0 || !this.instrumentation.active) return;
    const ended = performance.now();
    const durationMs = ended - started;
    this.instrumentation.appended({
      store: store.constructor.name,
      count,
      durationMs,
      at: epochMs(ended),
      ...(error === undefined ? {} : { error }),
    });
  }

  /**
   * The oldest event still waiting to be marked dispatched, or null (also without a store). An event is pending
   * for a few milliseconds after every publish; one pending for long means the relay is behind or failing.
   */
  async oldestUndispatched(): Promise<StoredEvent | null> {
    if (this.store === undefined) return null;
    const [oldest] = await this.store.findUndispatched(new Date(), 1);
    return oldest ?? null;
  }

  /**
   * Marks events dispatched without holding up the publisher: ids are written in batches every few milliseconds.
   * A failed write only means the relay dispatches those events again.
   */
  markDispatched(ids: readonly string[]): void {
    if (this.store === undefined || ids.length === 0) return;
    this.pendingMarks.push(...ids);
    if (this.pendingMarks.length >= MARK_BATCH_SIZE) this.flushMarks();
    else if (this.markTimer === undefined) {
      this.markTimer = setTimeout(() => this.flushMarks(), MARK_FLUSH_MS);
      this.markTimer.unref();
    }
  }

  private flushMarks(): void {
    clearTimeout(this.markTimer);
    this.markTimer = undefined;
    const store = this.store;
    const ids = this.pendingMarks;
    if (store === undefined || ids.length === 0) return;
    this.pendingMarks = [];
    this.track(
      store.markDispatched(ids).catch((error: unknown) => {
        this.markFailures++;
        this.logger.warn(
          `Could not mark ${ids.length} event(s) dispatched (${describeError(error)}); the outbox relay will dispatch them again`,
        );
      }),
    );
  }

  /** Waits for pending best-effort writes, then closes the store and the cache. */
  async close(): Promise<void> {
    this.flushMarks();
    await Promise.allSettled([...this.inFlight]);
    await Promise.allSettled([this.store?.close(), this.cache?.close()]);
  }

  private async cacheAdd(cache: RecentEventCache, event: DomainEvent): Promise<void> {
    try {
      await cache.add(event);
    } catch (error) {
      this.cacheFailures++;
      this.logger.warn(`Recent-event cache could not keep "${event.type}" (${event.id}): ${describeError(error)}; the publish went on`);
    }
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }
}
