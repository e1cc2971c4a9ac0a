import { Module, type DynamicModule } from '@nestjs/common';
import { ASYNC_OPTION_KEYS, isOptionsRecord } from '@webnovel/events/internal';
import { PrometheusModule } from '@willsoto/nestjs-prometheus';
import { createEventsMetricsController } from './controllers/events-metrics.controller.js';
import { EventsMetricsCoreModule } from './events-metrics-core.module.js';
import { EventsMetricsConfigurableModule } from './events-metrics.module-definition.js';
import {
  normalizeMetricsPath,
  type EventsMetricsModuleAsyncOptions,
  type EventsMetricsModuleOptions,
  type EventsMetricsSetup,
} from './events-metrics.options.js';

/**
 * Prometheus metrics of the event bus: publishes, handler runs by outcome, durations, store appends, and at scrape
 * time the delivery queues, dead letters, outbox backlog and readiness. Needs a global `EventsModule` (the default).
 * Import it once per application.
 *
 * The metrics live in a registry injected as `EVENTS_METRICS_REGISTRY` (a new one per application unless `registry`
 * is given), never in prom-client's global registry, so two applications in one process do not mix their counts.
 * The endpoint is `@willsoto/nestjs-prometheus`'s controller, extended to serve that registry.
 *
 * @example
 * ```ts
 * EventsMetricsModule.forRoot({ defaultLabels: { service: 'user-service' } })
 * EventsMetricsModule.forRootAsync({
 *   path: '/internal/metrics',
 *   imports: [ConfigModule],
 *   inject: [ConfigService],
 *   useFactory: (config: ConfigService) => ({ scrapeTimeoutMs: config.get('METRICS_SCRAPE_TIMEOUT_MS', 1000) }),
 * })
 * ```
 */
@Module({})
export class EventsMetricsModule extends EventsMetricsConfigurableModule {
  /** @throws InvalidEventsMetricsOptionsError at bootstrap, listing every problem of the options */
  static override forRoot(options: EventsMetricsModuleOptions = {}): DynamicModule {
    const given: unknown = options;
    const built = super.forRoot(isOptionsRecord(given) ? options : {});
    return assemble(built, { method: 'forRoot', given }, isOptionsRecord(given) ? given : {});
  }

  /**
   * Options from a factory, with `path`, `serve` and `isGlobal` given here: the route is mounted before the factory runs.
   * @throws InvalidEventsMetricsOptionsError at bootstrap, listing every problem of the options
   */
  static override forRootAsync(options: EventsMetricsModuleAsyncOptions): DynamicModule {
    const built = super.forRootAsync(options);
    const extras = Object.fromEntries(
      Object.entries(options).filter(([key]) => !(ASYNC_OPTION_KEYS as readonly string[]).includes(key)),
    ) as Record<string, unknown>;
    return assemble(built, { method: 'forRootAsync', extras }, extras);
  }
}

function assemble(built: DynamicModule, setup: EventsMetricsSetup, extras: Record<string, unknown>): DynamicModule {
  const core = EventsMetricsCoreModule.from(built, setup);
  const path = normalizeMetricsPath(extras.path);
  // An unusable path or serve value mounts nothing; the options provider then fails the bootstrap naming the problem.
  const mount = (extras.serve === undefined || extras.serve === true) && path !== undefined;
  return {
    module: EventsMetricsModule,
    global: extras.isGlobal !== false,
    imports: [core, ...(mount ? [endpoint(core, path)] : [])],
    // Re-exporting the core makes EVENTS_METRICS_REGISTRY injectable where this module is imported (everywhere by default).
    exports: [core],
  };
}

/** `PrometheusModule` with our controller, importing the core for the registry; its global-registry defaults stay off. */
function endpoint(core: DynamicModule, path: string): DynamicModule {
  const prometheus = PrometheusModule.register({ controller: createEventsMetricsController(), path, defaultMetrics: { enabled: false } });
  return { ...prometheus, imports: [...(prometheus.imports ?? []), core] };
}
