import { Logger, Module, type DynamicModule, type Provider } from '@nestjs/common';
import { DeadLetters, EventLog, EventsHealth } from '@webnovel/events';
import { Registry } from 'prom-client';
import {
  EVENTS_METRIC_SET,
  EVENTS_METRICS_LOGGER_CONTEXT,
  EVENTS_METRICS_REGISTRY,
  EVENTS_METRICS_SETUP,
  RESOLVED_EVENTS_METRICS_OPTIONS,
} from './events-metrics.constants.js';
import { EventsMetricsLifecycle } from './events-metrics.lifecycle.js';
import { EVENTS_METRICS_MODULE_OPTIONS } from './events-metrics.module-definition.js';
import { resolveEventsMetricsOptions, type EventsMetricsSetup, type ResolvedEventsMetricsOptions } from './events-metrics.options.js';
import { EventsMetricsRecorder } from './metrics/events-metrics.recorder.js';
import { MetricSet } from './metrics/metric-set.js';
import { EventsScrapeGauges } from './metrics/scrape.gauges.js';

const PROVIDERS: Provider[] = [
  {
    provide: RESOLVED_EVENTS_METRICS_OPTIONS,
    useFactory: (setup: EventsMetricsSetup, options: unknown) => resolveEventsMetricsOptions(setup, options),
    inject: [EVENTS_METRICS_SETUP, EVENTS_METRICS_MODULE_OPTIONS],
  },
  {
    // A factory, not a value built in forRoot: two applications made from the same module class each get their own.
    provide: EVENTS_METRICS_REGISTRY,
    useFactory: (options: ResolvedEventsMetricsOptions) => options.registry ?? new Registry(),
    inject: [RESOLVED_EVENTS_METRICS_OPTIONS],
  },
  {
    provide: EVENTS_METRIC_SET,
    useFactory: (registry: Registry) => new MetricSet(registry),
    inject: [EVENTS_METRICS_REGISTRY],
  },
  {
    provide: EventsMetricsRecorder,
    useFactory: (metrics: MetricSet, options: ResolvedEventsMetricsOptions) => new EventsMetricsRecorder(metrics, options.durationBuckets),
    inject: [EVENTS_METRIC_SET, RESOLVED_EVENTS_METRICS_OPTIONS],
  },
  {
    provide: EventsScrapeGauges,
    useFactory: (
      metrics: MetricSet,
      options: ResolvedEventsMetricsOptions,
      deadLetters: DeadLetters,
      log: EventLog,
      health: EventsHealth,
    ) =>
      new EventsScrapeGauges(
        metrics,
        { queueCounts: () => deadLetters.counts(), oldestPending: () => log.oldestUndispatched(), ready: () => health.ready },
        options.scrapeTimeoutMs,
        new Logger(EVENTS_METRICS_LOGGER_CONTEXT),
      ),
    inject: [EVENTS_METRIC_SET, RESOLVED_EVENTS_METRICS_OPTIONS, DeadLetters, EventLog, EventsHealth],
  },
  EventsMetricsLifecycle,
];

/**
 * The options, registry and collectors of one `EventsMetricsModule`. Internal: a module of its own so that both
 * `EventsMetricsModule` and the `PrometheusModule` that holds the endpoint's controller can import the registry from
 * it; neither could import the other without a cycle.
 */
@Module({})
export class EventsMetricsCoreModule {
  /** Moves what the module builder made (the options provider, `forRootAsync` imports) here, beside the collectors. */
  static from(built: DynamicModule, setup: EventsMetricsSetup): DynamicModule {
    return {
      module: EventsMetricsCoreModule,
      imports: built.imports ?? [],
      providers: [...(built.providers ?? []), { provide: EVENTS_METRICS_SETUP, useValue: setup }, ...PROVIDERS],
      exports: [EVENTS_METRICS_REGISTRY],
    };
  }
}
