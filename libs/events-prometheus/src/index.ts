// Public API of @webnovel/events-prometheus: Prometheus metrics of the event bus in an injected registry. The core
// module, recorder, scrape gauges and controller stay private.
export { EventsMetricsModule } from './events-metrics.module.js';
export { EVENTS_METRICS_MODULE_OPTIONS } from './events-metrics.module-definition.js';
export {
  EVENTS_METRICS_REGISTRY,
  DEFAULT_METRICS_PATH,
  DEFAULT_DURATION_BUCKETS,
  DEFAULT_SCRAPE_TIMEOUT_MS,
  MAX_SCRAPE_TIMEOUT_MS,
} from './events-metrics.constants.js';
export { EVENTS_METRIC_NAMES, EVENTS_METRIC_LABELS, type EventsMetricName } from './events-metric.names.js';
export {
  eventsMetricsOptionsProblems,
  eventsMetricsAsyncOptionsProblems,
  type MetricsRegistry,
  type EventsMetricsOptions,
  type EventsMetricsModuleExtras,
  type EventsMetricsModuleOptions,
  type EventsMetricsModuleAsyncOptions,
  type EventsMetricsOptionsFactory,
} from './events-metrics.options.js';
export { InvalidEventsMetricsOptionsError } from './errors/invalid-events-metrics-options.error.js';
export { EventsMetricsRegistryConflictError } from './errors/events-metrics-registry-conflict.error.js';
