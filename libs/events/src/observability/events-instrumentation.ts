import { Injectable, Logger } from '@nestjs/common';
import { EVENTS_LOGGER_CONTEXT } from '../events.constants.js';
import { describeError } from '../events.messages.js';
import type { EventsObserver, HandleRecord, PublishRecord, StoreAppendRecord } from '../interfaces/events-observer.interface.js';

type Hook = keyof EventsObserver;

/**
 * Fans what the bus does out to the registered observers (metrics, structured logs, the monitoring window).
 * With no observer registered, `active` is false and the bus skips its clocks entirely.
 */
@Injectable()
export class EventsInstrumentation {
  private readonly logger = new Logger(EVENTS_LOGGER_CONTEXT);
  private observers: readonly EventsObserver[] = [];
  private readonly complained = new WeakSet<EventsObserver>();

  /** Whether anything listens; the bus only times publishes and handler runs when it does. */
  get active(): boolean {
    return this.observers.length > 0;
  }

  /** Adds an observer and returns the function that removes it. */
  observe(observer: EventsObserver): () => void {
    this.observers = [...this.observers, observer];
    return () => {
      this.observers = this.observers.filter((o) => o !== observer);
    };
  }

  published(record: PublishRecord): void {
    for (const observer of this.observers) if (observer.published) this.call(observer, 'published', record);
  }

  handled(record: HandleRecord): void {
    for (const observer of this.observers) if (observer.handled) this.call(observer, 'handled', record);
  }

  appended(record: StoreAppendRecord): void {
    for (const observer of this.observers) if (observer.appended) this.call(observer, 'appended', record);
  }

  private call<K extends Hook>(observer: EventsObserver, hook: K, record: Parameters<NonNullable<EventsObserver[K]>>[0]): void {
    try {
      (observer[hook] as (r: typeof record) => void).call(observer, record);
    } catch (error) {
      // One line per observer, not per event: a broken observer must not flood the log or fail the event flow.
      if (this.complained.has(observer)) return;
      this.complained.add(observer);
      this.logger.error(
        `Events observer ${observer.constructor.name}.${hook} threw (${describeError(error)}); further errors are not logged`,
      );
    }
  }
}
