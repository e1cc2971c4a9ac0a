import { Inject, Injectable } from '@nestjs/common';
import { EventLog } from '../bus/event-log.js';
import { InvalidMonitoringQueryError } from '../errors/invalid-monitoring-query.error.js';
import { EVENT_DELIVERY, RESOLVED_EVENTS_OPTIONS } from '../events.constants.js';
import { describeError } from '../events.messages.js';
import type { DeliveryQueueCounts } from '../interfaces/dead-letter.interface.js';
import type { EventDelivery } from '../interfaces/event-delivery.interface.js';
import type { ResolvedEventsOptions } from '../options/events-options.resolver.js';
import { EventActivityLogger } from './event-activity.logger.js';
import { EventsInstrumentation } from './events-instrumentation.js';
import { EventsStatistics, type HandlerSummary, type PublishedTypeSummary } from './events.statistics.js';

/** Queue sizes at the time of the summary, or why they could not be read. */
export type QueueSummary =
  | {
      /** Jobs waiting for their next attempt (delayed by the retry policy), over every queue. */
      readonly retrySize: number;
      readonly deadLetterSize: number;
      readonly byQueue: readonly DeliveryQueueCounts[];
    }
  | { readonly error: string };

/** The seed's monitoring summary (5.5): what happened in a recent window, and what waits now. */
export interface MonitoringSummary {
  readonly window: { readonly minutes: number; readonly from: string; readonly to: string };
  readonly published: { readonly total: number; readonly failed: number; readonly byType: readonly PublishedTypeSummary[] };
  readonly handlers: readonly HandlerSummary[];
  readonly queues: QueueSummary;
  /** The event pending longest in the log; null without a store or when nothing is pending. */
  readonly oldestUndispatched:
    { readonly id: string; readonly type: string; readonly storedAt: string; readonly ageMs: number } | null | { readonly error: string };
}

/**
 * Owns the built-in observers (the structured event log lines and the per-minute statistics) and answers the
 * monitoring summary. Inject it to build a dashboard of your own.
 */
@Injectable()
export class EventsMonitor {
  private readonly statistics: EventsStatistics | undefined;

  constructor(
    @Inject(RESOLVED_EVENTS_OPTIONS) private readonly options: ResolvedEventsOptions,
    @Inject(EVENT_DELIVERY) private readonly delivery: EventDelivery,
    private readonly log: EventLog,
    instrumentation: EventsInstrumentation,
  ) {
    // Registered here rather than in a lifecycle hook, so no event published during bootstrap goes unseen.
    if (options.eventLogLevel !== false) instrumentation.observe(new EventActivityLogger(options.eventLogLevel));
    if (options.summaryWindowMinutes > 0) {
      this.statistics = new EventsStatistics(options.summaryWindowMinutes);
      instrumentation.observe(this.statistics);
    }
  }

  /**
   * The summary of the last `minutes` whole minutes (the current one counts, so far).
   * @throws InvalidMonitoringQueryError when `minutes` is not an integer from 1 to `summaryWindowMinutes`, or the
   *   statistics are off
   */
  async summary(minutes = Math.min(15, this.options.summaryWindowMinutes)): Promise<MonitoringSummary> {
    const keep = this.options.summaryWindowMinutes;
    if (this.statistics === undefined) throw new InvalidMonitoringQueryError(['statistics are off (summaryWindowMinutes: 0)']);
    if (!(Number.isInteger(minutes) && minutes >= 1 && minutes <= keep))
      throw new InvalidMonitoringQueryError([`minutes must be an integer from 1 to ${keep} (got ${JSON.stringify(minutes)})`]);
    const to = new Date();
    const from = new Date(Math.floor(to.getTime() / 60_000 - minutes + 1) * 60_000);
    const { published, handlers } = this.statistics.summarize(minutes);
    const [queues, oldestUndispatched] = await Promise.all([this.queues(), this.oldest(to)]);
    return {
      window: { minutes, from: from.toISOString(), to: to.toISOString() },
      published: {
        total: published.reduce((n, t) => n + t.published, 0),
        failed: published.reduce((n, t) => n + t.failed, 0),
        byType: published,
      },
      handlers,
      queues,
      oldestUndispatched,
    };
  }

  private async queues(): Promise<QueueSummary> {
    try {
      const byQueue = await this.delivery.counts();
      return {
        retrySize: byQueue.reduce((n, q) => n + q.delayed, 0),
        deadLetterSize: byQueue.reduce((n, q) => n + q.dead, 0),
        byQueue,
      };
    } catch (error) {
      return { error: describeError(error) };
    }
  }

  private async oldest(now: Date): Promise<MonitoringSummary['oldestUndispatched']> {
    try {
      const stored = await this.log.oldestUndispatched();
      if (stored === null) return null;
      const { event, storedAt } = stored;
      return { id: event.id, type: event.type, storedAt: storedAt.toISOString(), ageMs: Math.max(0, now.getTime() - storedAt.getTime()) };
    } catch (error) {
      return { error: describeError(error) };
    }
  }
}
