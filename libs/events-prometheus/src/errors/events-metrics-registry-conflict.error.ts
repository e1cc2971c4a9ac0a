import { registryConflictMessage } from '../events-metrics.messages.js';

/**
 * The registry already holds a metric of the same name, so the events metrics cannot be registered without mixing two
 * sources into one series. Thrown at bootstrap; nothing of this module is left in the registry then.
 */
export class EventsMetricsRegistryConflictError extends Error {
  override readonly name = 'EventsMetricsRegistryConflictError';

  constructor(
    /** The name that is taken. */
    readonly metric: string,
  ) {
    super(registryConflictMessage(metric));
  }
}
