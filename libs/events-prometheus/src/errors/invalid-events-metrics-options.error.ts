import { invalidOptionsMessage } from '@webnovel/events/internal';

/**
 * `EventsMetricsModule.forRoot()`/`forRootAsync()` got options it cannot work with. Lists every problem at once;
 * thrown at bootstrap, before any metric is registered.
 */
export class InvalidEventsMetricsOptionsError extends Error {
  override readonly name = 'InvalidEventsMetricsOptionsError';

  constructor(
    readonly problems: readonly string[],
    /** What got the options, such as `EventsMetricsModule.forRoot()`. */
    readonly owner = 'EventsMetricsModule',
  ) {
    super(invalidOptionsMessage(owner, problems));
  }
}
