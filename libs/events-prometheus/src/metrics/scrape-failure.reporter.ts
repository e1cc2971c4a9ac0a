import type { LoggerService } from '@nestjs/common';
import { describeError } from '@webnovel/events/internal';
import type { Counter } from 'prom-client';
import type { ScrapeSource } from '../events-metric.names.js';
import { scrapeFailureWarning } from '../events-metrics.messages.js';

/**
 * Counts every failed scrape-time read in `events_metrics_scrape_errors_total`, and warns about them at most once
 * per interval and source: Prometheus scrapes every few seconds, and an outage must not flood the log.
 */
export class ScrapeFailureReporter {
  private readonly lastWarnedAt = new Map<ScrapeSource, number>();
  private readonly suppressed = new Map<ScrapeSource, number>();

  constructor(
    private readonly errors: Counter<'source'>,
    private readonly logger: LoggerService,
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {
    // Zero from the start, so rate() and increase() have a series before the first failure.
    for (const source of ['queues', 'store'] as const) errors.inc({ source }, 0);
  }

  report(source: ScrapeSource, error: unknown): void {
    this.errors.inc({ source });
    const now = this.now();
    const last = this.lastWarnedAt.get(source);
    if (last !== undefined && now - last < this.intervalMs) {
      this.suppressed.set(source, (this.suppressed.get(source) ?? 0) + 1);
      return;
    }
    this.logger.warn(scrapeFailureWarning(source, describeError(error), this.suppressed.get(source) ?? 0));
    this.lastWarnedAt.set(source, now);
    this.suppressed.set(source, 0);
  }
}
