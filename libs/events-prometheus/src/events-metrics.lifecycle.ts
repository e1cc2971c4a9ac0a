import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { EventsInstrumentation } from '@webnovel/events';
import { collectDefaultMetrics } from 'prom-client';
import { DEFAULT_METRICS_PROBE, EVENTS_METRIC_SET, RESOLVED_EVENTS_METRICS_OPTIONS } from './events-metrics.constants.js';
import type { ResolvedEventsMetricsOptions } from './events-metrics.options.js';
import { EventsMetricsRecorder } from './metrics/events-metrics.recorder.js';
import type { MetricSet } from './metrics/metric-set.js';

/**
 * Connects the recorder to the bus for the application's lifetime, and leaves the registry as it found it on close:
 * a registry the application passed in may be handed to the next application in the same process.
 */
@Injectable()
export class EventsMetricsLifecycle implements OnModuleInit, OnModuleDestroy {
  private unobserve: (() => void) | undefined;

  constructor(
    @Inject(RESOLVED_EVENTS_METRICS_OPTIONS) private readonly options: ResolvedEventsMetricsOptions,
    @Inject(EVENTS_METRIC_SET) private readonly metrics: MetricSet,
    private readonly recorder: EventsMetricsRecorder,
    private readonly instrumentation: EventsInstrumentation,
  ) {}

  onModuleInit(): void {
    const registry = this.metrics.registry;
    // An application that already collects the default metrics into this registry keeps its own; twice would throw.
    if (this.options.defaultMetrics && registry.getSingleMetric(DEFAULT_METRICS_PROBE) === undefined) {
      const before = this.metrics.registered();
      collectDefaultMetrics({ register: registry });
      this.metrics.adopt([...this.metrics.registered()].filter((name) => !before.has(name)));
    }
    if (Object.keys(this.options.defaultLabels).length > 0) registry.setDefaultLabels({ ...this.options.defaultLabels });
    this.unobserve = this.instrumentation.observe(this.recorder);
  }

  onModuleDestroy(): void {
    this.unobserve?.();
    this.unobserve = undefined;
    this.metrics.removeAll();
  }
}
