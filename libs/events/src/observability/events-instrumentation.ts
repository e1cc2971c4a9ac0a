import { performance } from 'node:perf_hooks';
import { Injectable, Logger } from '@nestjs/common';
import { EVENTS_LOGGER_CONTEXT } from '../events.constants.js';
import { describeError } from '../events.messages.js';
import type { DeliveryOutcome, DeliveryRecord } from '../interfaces/event-delivery.interface.js';
import type { EventsObserver, HandleRecord, PublishRecord, StoreAppendRecord } from '../interfaces/events-observer.interface.js';
import type { TransportRecord } from '../interfaces/event-transport.interface.js';

type Hook = keyof EventsObserver;

/** Async handler runs per outcome since the application started. */
export type DeliveryStats = Readonly<Record<DeliveryOutcome, number>>;

// Read once: `performance.timeOrigin` is a getter that does work on every read.
const TIME_ORIGIN = performance.timeOrigin;

/** Epoch milliseconds of a `performance.now()` reading: a record's `at` without a second clock read. */
export const epochMs = (monotonic: number): number => TIME_ORIGIN + monotonic;
export const epochNow = (): number => epochMs(performance.now());
/** One observer's hook, looked up once at registration rather than per record. */
type Listener<R> = readonly [observer: EventsObserver, hook: (this: EventsObserver, record: R) => void];

/**
 * Fans what the bus does out to the registered observers (metrics, structured logs, the monitoring window), and
 * counts how async handler runs ended. With no observer registered, `active` is false and the bus skips its clocks.
 */
@Injectable()
export class EventsInstrumentation {
  private readonly logger = new Logger(EVENTS_LOGGER_CONTEXT);
  private observers: readonly EventsObserver[] = [];
  private onPublished: readonly Listener<PublishRecord>[] = [];
  private onHandled: readonly Listener<HandleRecord>[] = [];
  private onAppended: readonly Listener<StoreAppendRecord>[] = [];
  private onTransported: readonly Listener<TransportRecord>[] = [];
  private readonly complained = new WeakSet<EventsObserver>();
  private readonly totals: Record<DeliveryOutcome, number> = { success: 0, retried: 0, dead_lettered: 0, skipped_duplicate: 0 };

  /** Whether anything listens; the bus only times publishes and handler runs when it does. */
  get active(): boolean {
    return this.observers.length > 0;
  }

  /** Adds an observer and returns the function that removes it. */
  observe(observer: EventsObserver): () => void {
    this.rebuild([...this.observers, observer]);
    return () => this.rebuild(this.observers.filter((o) => o !== observer));
  }

  published(record: PublishRecord): void {
    for (const listener of this.onPublished) this.call(listener, 'published', record);
  }

  handled(record: HandleRecord): void {
    for (const listener of this.onHandled) this.call(listener, 'handled', record);
  }

  /** Counts an async run the delivery driver settled, then hands it to the observers as a `handled` record. */
  delivered(record: DeliveryRecord): void {
    this.totals[record.outcome]++;
    if (this.onHandled.length > 0) this.handled({ ...record, mode: 'async', at: epochNow() });
  }

  /** Async handler runs per outcome since the application started, counted whether or not anything observes. */
  deliveryStats(): DeliveryStats {
    return { ...this.totals };
  }

  appended(record: StoreAppendRecord): void {
    for (const listener of this.onAppended) this.call(listener, 'appended', record);
  }

  transported(record: TransportRecord): void {
    for (const listener of this.onTransported) this.call(listener, 'transported', record);
  }

  private rebuild(observers: readonly EventsObserver[]): void {
    const listeners = <R>(hook: Hook): Listener<R>[] =>
      observers.flatMap((o) => (typeof o[hook] === 'function' ? [[o, o[hook] as Listener<R>[1]] as const] : []));
    this.observers = observers;
    this.onPublished = listeners<PublishRecord>('published');
    this.onHandled = listeners<HandleRecord>('handled');
    this.onAppended = listeners<StoreAppendRecord>('appended');
    this.onTransported = listeners<TransportRecord>('transported');
  }

  private call<R>([observer, hook]: Listener<R>, name: Hook, record: R): void {
    try {
      hook.call(observer, record);
    } catch (error) {
      // One line per observer, not per event: a broken observer must not flood the log or fail the event flow.
      if (this.complained.has(observer)) return;
      this.complained.add(observer);
      this.logger.error(
        `Events observer ${observer.constructor.name}.${name} threw (${describeError(error)}); further errors are not logged`,
      );
    }
  }
}
