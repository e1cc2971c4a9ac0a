import type { LoggerService } from '@nestjs/common';
import type { DeliveryQueueCounts, StoredEvent } from '@webnovel/events';
import { Counter, Gauge } from 'prom-client';
import {
  EVENTS_BUS_READY,
  EVENTS_DEAD_LETTER_QUEUE_SIZE,
  EVENTS_METRICS_SCRAPE_ERRORS_TOTAL,
  EVENTS_OUTBOX_OLDEST_PENDING_AGE_SECONDS,
  EVENTS_QUEUE_JOBS,
  EVENTS_RETRY_QUEUE_SIZE,
  QUEUE_JOB_STATES,
} from '../events-metric.names.js';
import { SCRAPE_FAILURE_LOG_INTERVAL_MS } from '../events-metrics.constants.js';
import { BoundedRead } from './bounded.read.js';
import type { MetricSet } from './metric-set.js';
import { ScrapeFailureReporter } from './scrape-failure.reporter.js';

/** What the scrape-time gauges read; in the module, `DeadLetters`, `EventLog` and `EventsHealth`. */
export interface ScrapeSources {
  /** Jobs per state in each delivery queue (Redis for BullMQ). */
  queueCounts(): Promise<DeliveryQueueCounts[]>;
  /** The oldest logged event not yet marked dispatched; null when none is, or without a store. */
  oldestPending(): Promise<StoredEvent | null>;
  /** Whether the bus is ready. */
  ready(): boolean;
}

/**
 * Gauges read when Prometheus scrapes, through prom-client's (async) `collect`: queue sizes, the outbox backlog and
 * readiness. The queue and store reads are bounded by `scrapeTimeoutMs`; when one fails, its gauges are reset (no
 * samples rather than stale ones) and `events_metrics_scrape_errors_total{source}` goes up, and the scrape still answers.
 */
export class EventsScrapeGauges {
  constructor(metrics: MetricSet, sources: ScrapeSources, timeoutMs: number, logger: LoggerService, now: () => number = Date.now) {
    const errors = metrics.add(
      new Counter({
        name: EVENTS_METRICS_SCRAPE_ERRORS_TOTAL,
        help: 'Scrapes whose queue counts or event store read failed or timed out, by source (queues, store).',
        labelNames: ['source'] as const,
        registers: [],
        // prom-client reads every metric of a scrape at once: waiting for this scrape's reads makes a failure show in
        // the same scrape whose gauges it emptied, not only in the next one.
        collect: async () => void (await Promise.all([queues.read(), store.read()])),
      }),
    );
    const reporter = new ScrapeFailureReporter(errors, logger, SCRAPE_FAILURE_LOG_INTERVAL_MS, now);
    const queues = new BoundedRead(
      'delivery queues',
      () => sources.queueCounts(),
      timeoutMs,
      (e) => reporter.report('queues', e),
    );
    const store = new BoundedRead(
      'event store',
      () => sources.oldestPending(),
      timeoutMs,
      (e) => reporter.report('store', e),
    );

    const retry: Gauge<'queue'> = metrics.add(
      new Gauge({
        name: EVENTS_RETRY_QUEUE_SIZE,
        help: 'Jobs waiting out a retry backoff (delayed), per delivery queue.',
        labelNames: ['queue'] as const,
        registers: [],
        collect: async () => fill(retry, await queues.read(), (c) => [[{ queue: c.queue }, c.delayed]]),
      }),
    );
    const dead: Gauge<'queue'> = metrics.add(
      new Gauge({
        name: EVENTS_DEAD_LETTER_QUEUE_SIZE,
        help: 'Dead letters waiting for an operator, per delivery queue.',
        labelNames: ['queue'] as const,
        registers: [],
        collect: async () => fill(dead, await queues.read(), (c) => [[{ queue: c.queue }, c.dead]]),
      }),
    );
    const jobs: Gauge<'queue' | 'state'> = metrics.add(
      new Gauge({
        name: EVENTS_QUEUE_JOBS,
        help: 'Jobs per delivery queue and state (waiting, active, delayed, failed).',
        labelNames: ['queue', 'state'] as const,
        registers: [],
        collect: async () =>
          fill(jobs, await queues.read(), (c) => QUEUE_JOB_STATES.map((state) => [{ queue: c.queue, state }, c[state]] as const)),
      }),
    );
    const outboxAge: Gauge = metrics.add(
      new Gauge({
        name: EVENTS_OUTBOX_OLDEST_PENDING_AGE_SECONDS,
        help: 'Age of the oldest logged event not yet marked dispatched, in seconds; 0 when none is pending or there is no store.',
        registers: [],
        collect: async () => {
          const oldest = await store.read();
          // reset() leaves a label-less gauge at 0; remove() drops the sample, so a failed read is not mistaken for "none pending".
          if (oldest === undefined) return void outboxAge.remove();
          outboxAge.set(oldest === null ? 0 : Math.max(0, (now() - oldest.storedAt.getTime()) / 1000));
        },
      }),
    );
    const ready: Gauge = metrics.add(
      new Gauge({
        name: EVENTS_BUS_READY,
        help: '1 while the event bus is ready (handlers discovered, delivery started, not shutting down), else 0.',
        registers: [],
        collect: () => ready.set(sources.ready() ? 1 : 0),
      }),
    );
  }
}

type Sample<L extends string> = readonly [Partial<Record<L, string>>, number];

/** Replaces a gauge's samples with those of every queue; no samples when the counts could not be read. */
function fill<L extends string>(
  gauge: Gauge<L>,
  counts: readonly DeliveryQueueCounts[] | undefined,
  samples: (counts: DeliveryQueueCounts) => readonly Sample<L>[],
): void {
  // Reset first: a queue that went away, or a read that failed, must not leave its last value behind.
  gauge.reset();
  for (const c of counts ?? []) for (const [labels, value] of samples(c)) gauge.set(labels, value);
}
