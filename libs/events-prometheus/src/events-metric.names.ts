// The metric and label names are a contract: Grafana dashboards and alert rules query them by name, so renaming one
// is a breaking change. Histograms also expose `<name>_bucket`, `<name>_sum` and `<name>_count`.

/** Successful publishes, by `event_type`. */
export const EVENTS_PUBLISHED_TOTAL = 'events_published_total';
/** Rejected publishes, by `event_type` and `error` (the error's class name). */
export const EVENTS_PUBLISH_FAILURES_TOTAL = 'events_publish_failures_total';
/** Publish durations in seconds, by `event_type`. */
export const EVENT_PUBLISH_DURATION_SECONDS = 'event_publish_duration_seconds';
/** Settled handler runs, by `event_type`, `handler_name` and `outcome`. */
export const EVENTS_HANDLED_TOTAL = 'events_handled_total';
/** Handler run durations in seconds, by `event_type` and `handler_name`. */
export const EVENT_HANDLE_DURATION_SECONDS = 'event_handle_duration_seconds';
/** Event store append durations in seconds, by `store`. */
export const EVENTS_STORE_APPEND_DURATION_SECONDS = 'events_store_append_duration_seconds';
/** Failed event store appends, by `store`. */
export const EVENTS_STORE_APPEND_FAILURES_TOTAL = 'events_store_append_failures_total';
/** Messages published to, consumed from or dead-lettered by the broker, by `transport`, `event_type` and `outcome`. */
export const EVENTS_TRANSPORT_MESSAGES_TOTAL = 'events_transport_messages_total';
/** Broker confirm and inbound hand-over durations in seconds, by `transport` and `outcome`. */
export const EVENTS_TRANSPORT_DURATION_SECONDS = 'events_transport_duration_seconds';
/** Jobs waiting out a retry backoff, by `queue`; read at scrape time. */
export const EVENTS_RETRY_QUEUE_SIZE = 'events_retry_queue_size';
/** Dead letters, by `queue`; read at scrape time. */
export const EVENTS_DEAD_LETTER_QUEUE_SIZE = 'events_dead_letter_queue_size';
/** Jobs per `queue` and `state`; read at scrape time. */
export const EVENTS_QUEUE_JOBS = 'events_queue_jobs';
/** Age in seconds of the oldest logged event not yet marked dispatched; read at scrape time. */
export const EVENTS_OUTBOX_OLDEST_PENDING_AGE_SECONDS = 'events_outbox_oldest_pending_age_seconds';
/** 1 while the bus is ready, 0 otherwise; read at scrape time. */
export const EVENTS_BUS_READY = 'events_bus_ready';
/** Scrapes whose queue counts or store read failed or timed out, by `source`. */
export const EVENTS_METRICS_SCRAPE_ERRORS_TOTAL = 'events_metrics_scrape_errors_total';

/**
 * Every metric `EventsMetricsModule` registers (default process metrics aside), for checking dashboards and alert
 * rules against: a query naming anything else reads a series that never exists.
 */
export const EVENTS_METRIC_NAMES = [
  EVENTS_PUBLISHED_TOTAL,
  EVENTS_PUBLISH_FAILURES_TOTAL,
  EVENT_PUBLISH_DURATION_SECONDS,
  EVENTS_HANDLED_TOTAL,
  EVENT_HANDLE_DURATION_SECONDS,
  EVENTS_STORE_APPEND_DURATION_SECONDS,
  EVENTS_STORE_APPEND_FAILURES_TOTAL,
  EVENTS_TRANSPORT_MESSAGES_TOTAL,
  EVENTS_TRANSPORT_DURATION_SECONDS,
  EVENTS_RETRY_QUEUE_SIZE,
  EVENTS_DEAD_LETTER_QUEUE_SIZE,
  EVENTS_QUEUE_JOBS,
  EVENTS_OUTBOX_OLDEST_PENDING_AGE_SECONDS,
  EVENTS_BUS_READY,
  EVENTS_METRICS_SCRAPE_ERRORS_TOTAL,
] as const;

/** One of `EVENTS_METRIC_NAMES`. */
export type EventsMetricName = (typeof EVENTS_METRIC_NAMES)[number];

/** Every label name the events metrics use; `defaultLabels` may not reuse one. */
export const EVENTS_METRIC_LABELS = [
  'event_type',
  'error',
  'handler_name',
  'outcome',
  'store',
  'queue',
  'state',
  'source',
  'transport',
] as const;

/** Where a scrape-time read comes from, as the `source` label of `events_metrics_scrape_errors_total`. */
export type ScrapeSource = 'queues' | 'store';

/** The `state` label values of `events_queue_jobs`. */
export const QUEUE_JOB_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
