import type { Metric } from 'prom-client';
import { EventsMetricsRegistryConflictError } from '../errors/events-metrics-registry-conflict.error.js';
import type { MetricsRegistry } from '../events-metrics.options.js';

/**
 * The metrics this module put in a registry, so that they come out again when the application closes and a registry
 * the application passed in can be handed to the next one (a restarted app in the same process).
 */
export class MetricSet {
  private readonly names: string[] = [];
  // Set by the first conflict. Nest still builds the failed application's other providers after its bootstrap
  // rejected, and one that registered then would stay in a registry the next application is handed.
  private conflicted = false;

  constructor(readonly registry: MetricsRegistry) {}

  /**
   * Registers a metric built with `registers: []`.
   * @throws EventsMetricsRegistryConflictError when the name is taken, and for every metric after that; what this set
   *   registered before comes out again
   */
  add<T extends Metric>(metric: T): T {
    const { name } = metric as unknown as { name: string };
    if (this.conflicted || this.registry.getSingleMetric(name) !== undefined) {
      this.conflicted = true;
      this.removeAll();
      throw new EventsMetricsRegistryConflictError(name);
    }
    this.registry.registerMetric(metric);
    this.names.push(name);
    return metric;
  }

  /** Takes ownership of metrics registered by someone else on this module's behalf (prom-client's default metrics). */
  adopt(names: Iterable<string>): void {
    this.names.push(...names);
  }

  /** Names of every metric in the registry now. */
  registered(): Set<string> {
    return new Set(this.registry.getMetricsAsArray().map((m) => (m as unknown as { name: string }).name));
  }

  removeAll(): void {
    for (const name of this.names.splice(0)) this.registry.removeSingleMetric(name);
  }
}
