/**
 * Token of the prom-client `Registry` the events metrics live in: the `registry` option, or a new one per
 * application. Inject it to add the application's own metrics to the same registry and endpoint.
 */
export const EVENTS_METRICS_REGISTRY = Symbol('webnovel:events-metrics:registry');

/** Route of the metrics endpoint when `path` is not set. */
export const DEFAULT_METRICS_PATH = '/metrics';

/**
 * Histogram buckets of the duration metrics when `durationBuckets` is not set, in seconds: from 50 µs, so in-process
 * handlers and publishes that take a fraction of a millisecond still land in distinct buckets, up to 10 s.
 */
export const DEFAULT_DURATION_BUCKETS: readonly number[] = Object.freeze([
  0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
]);

/** How long a scrape waits for queue counts and the store when `scrapeTimeoutMs` is not set. */
export const DEFAULT_SCRAPE_TIMEOUT_MS = 1000;

/** Longest `scrapeTimeoutMs` accepted: Prometheus gives up on a scrape after 10 s by default anyway. */
export const MAX_SCRAPE_TIMEOUT_MS = 60_000;

/** Longest route accepted for `path`. */
export const MAX_METRICS_PATH_LENGTH = 200;

/** A scrape-time read that keeps failing is logged at most once per this interval, not once per scrape. */
export const SCRAPE_FAILURE_LOG_INTERVAL_MS = 60_000;

/** Present once prom-client's default metrics are in a registry; they are not collected twice. */
export const DEFAULT_METRICS_PROBE = 'process_cpu_user_seconds_total';

/** Logger context of every line this lib logs. */
export const EVENTS_METRICS_LOGGER_CONTEXT = 'EventsMetricsModule';

/** Token of the validated, defaulted options. Internal. */
export const RESOLVED_EVENTS_METRICS_OPTIONS = Symbol('webnovel:events-metrics:resolved_options');

/** Token of what `forRoot`/`forRootAsync` was called with, beyond the options token. Internal. */
export const EVENTS_METRICS_SETUP = Symbol('webnovel:events-metrics:setup');

/** Token of the `MetricSet` that tracks what this module put in the registry. Internal. */
export const EVENTS_METRIC_SET = Symbol('webnovel:events-metrics:metric_set');
