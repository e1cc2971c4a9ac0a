import type { EventsObserver, HandleOutcome, HandleRecord, PublishRecord, StoreAppendRecord, TransportRecord } from '@webnovel/events';
import {
  EVENT_HANDLE_DURATION_SECONDS,
  EVENT_PUBLISH_DURATION_SECONDS,
  EVENTS_HANDLED_TOTAL,
  EVENTS_PUBLISH_FAILURES_TOTAL,
  EVENTS_PUBLISHED_TOTAL,
  EVENTS_STORE_APPEND_DURATION_SECONDS,
  EVENTS_STORE_APPEND_FAILURES_TOTAL,
  EVENTS_TRANSPORT_DURATION_SECONDS,
  EVENTS_TRANSPORT_MESSAGES_TOTAL,
} from '../events-metric.names.js';
import type { MetricSet } from './metric-set.js';
import { PlainCounter, PlainHistogram, type CounterSeries, type HistogramSeries } from './plain.metrics.js';

type Inc = CounterSeries;
type Observe = HistogramSeries;

/** The series of one event type's publishes. */
interface PublishSeries {
  readonly published: Inc;
  readonly duration: Observe;
  /** By error class name. */
  readonly failures: Map<string, Inc>;
}

/** The series of one (handler, event type) pair. */
interface HandleSeries {
  readonly outcomes: Partial<Record<HandleOutcome, Inc>>;
  readonly duration: Observe;
}

interface StoreSeries {
  readonly duration: Observe;
  readonly failures: Inc;
}

// A class name is a bounded label value; anything else (a thrown string, a generated name) would not be.
const ERROR_NAME = /^[A-Za-z_$][A-Za-z0-9_$]{0,99}$/;

/** The `error` label of a rejected publish: the error's class name, or `'unknown'`. */
export function errorLabel(error: unknown): string {
  const name: unknown = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
  return typeof name === 'string' && ERROR_NAME.test(name) ? name : 'unknown';
}

/**
 * Counts and times publishes, handler runs and store appends from the bus's instrumentation records. It runs
 * synchronously on the publish and delivery paths, so each label combination's series is looked up once and kept, and
 * a record costs a few additions (see `plain.metrics.ts`).
 */
export class EventsMetricsRecorder implements EventsObserver {
  private readonly publishedTotal: PlainCounter;
  private readonly publishFailures: PlainCounter;
  private readonly publishDuration: PlainHistogram;
  private readonly handledTotal: PlainCounter;
  private readonly handleDuration: PlainHistogram;
  private readonly appendDuration: PlainHistogram;
  private readonly appendFailures: PlainCounter;
  private readonly publishes = new Map<string, PublishSeries>();
  /** By handler name, then event type. */
  private readonly handles = new Map<string, Map<string, HandleSeries>>();
  private readonly appends = new Map<string, StoreSeries>();
  private readonly transportTotal: PlainCounter;
  private readonly transportDuration: PlainHistogram;
  /** By `transport|outcome|event_type`: one string key, built only for transport records, which are per message. */
  private readonly transports = new Map<string, { readonly total: Inc; readonly duration: Observe }>();

  constructor(metrics: MetricSet, buckets: readonly number[]) {
    const histogram = (name: string, help: string, labelNames: string[]) => {
      const metric = new PlainHistogram(name, help, labelNames, [...buckets]);
      metrics.add(metric.asMetric());
      return metric;
    };
    const counter = (name: string, help: string, labelNames: string[]) => {
      const metric = new PlainCounter(name, help, labelNames);
      metrics.add(metric.asMetric());
      return metric;
    };
    this.publishedTotal = counter(EVENTS_PUBLISHED_TOTAL, 'Events published successfully.', ['event_type']);
    this.publishFailures = counter(EVENTS_PUBLISH_FAILURES_TOTAL, 'Publishes that rejected, by error class.', ['event_type', 'error']);
    this.publishDuration = histogram(EVENT_PUBLISH_DURATION_SECONDS, 'Duration of publish calls, successful or not, in seconds.', [
      'event_type',
    ]);
    this.handledTotal = counter(EVENTS_HANDLED_TOTAL, 'Settled handler runs by outcome.', ['event_type', 'handler_name', 'outcome']);
    this.handleDuration = histogram(EVENT_HANDLE_DURATION_SECONDS, 'Duration of handler runs, in seconds.', ['event_type', 'handler_name']);
    this.appendDuration = histogram(EVENTS_STORE_APPEND_DURATION_SECONDS, 'Duration of event store appends, in seconds.', ['store']);
    this.appendFailures = counter(EVENTS_STORE_APPEND_FAILURES_TOTAL, 'Event store appends that failed.', ['store']);
    this.transportTotal = counter(EVENTS_TRANSPORT_MESSAGES_TOTAL, 'Messages published to, consumed from or dead-lettered by the broker.', [
      'transport',
      'event_type',
      'outcome',
    ]);
    this.transportDuration = histogram(EVENTS_TRANSPORT_DURATION_SECONDS, 'Broker confirm and inbound hand-over durations, in seconds.', [
      'transport',
      'outcome',
    ]);
  }

  published(record: PublishRecord): void {
    const series = this.publishSeries(record.type);
    // Rejected publishes are timed too: a store timing out is exactly the slow publish worth seeing.
    series.duration.observe(record.durationMs / 1000);
    if (record.error === undefined) return series.published.inc();
    const error = errorLabel(record.error);
    let failures = series.failures.get(error);
    if (failures === undefined) {
      failures = this.publishFailures.series(record.type, error);
      series.failures.set(error, failures);
    }
    failures.inc();
  }

  handled(record: HandleRecord): void {
    const type = record.event.type;
    let byType = this.handles.get(record.handler);
    if (byType === undefined) this.handles.set(record.handler, (byType = new Map()));
    let series = byType.get(type);
    if (series === undefined) {
      series = { outcomes: {}, duration: this.handleDuration.series(type, record.handler) };
      byType.set(type, series);
    }
    let outcome = series.outcomes[record.outcome];
    if (outcome === undefined) {
      outcome = this.handledTotal.series(type, record.handler, record.outcome);
      series.outcomes[record.outcome] = outcome;
    }
    outcome.inc();
    // The core reports 0 ms for runs that did not happen: a skipped duplicate, a dead letter or failure recorded
    // without running the handler. Observing them would drag the latency quantiles towards zero.
    if (record.outcome !== 'skipped_duplicate' && record.durationMs > 0) series.duration.observe(record.durationMs / 1000);
  }

  appended(record: StoreAppendRecord): void {
    let series = this.appends.get(record.store);
    if (series === undefined) {
      series = {
        duration: this.appendDuration.series(record.store),
        failures: this.appendFailures.series(record.store),
      };
      // The failure series exists (at zero) from the first append on, so an alert on its rate has a series to read.
      this.appends.set(record.store, series);
    }
    series.duration.observe(record.durationMs / 1000);
    if (record.error !== undefined) series.failures.inc();
  }

  transported(record: TransportRecord): void {
    const key = `${record.transport}|${record.outcome}|${record.type}`;
    let series = this.transports.get(key);
    if (series === undefined) {
      series = {
        total: this.transportTotal.series(record.transport, record.type, record.outcome),
        duration: this.transportDuration.series(record.transport, record.outcome),
      };
      this.transports.set(key, series);
    }
    series.total.inc(record.count);
    if (record.durationMs > 0) series.duration.observe(record.durationMs / 1000);
  }

  private publishSeries(type: string): PublishSeries {
    let series = this.publishes.get(type);
    if (series === undefined) {
      series = {
        published: this.publishedTotal.series(type),
        duration: this.publishDuration.series(type),
        failures: new Map(),
      };
      this.publishes.set(type, series);
    }
    return series;
  }
}
