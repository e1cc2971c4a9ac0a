import { invalidOptionsMessage } from '@webnovel/events/internal';

/**
 * `EventsHealthModule.forRoot()`/`forRootAsync()` got options it cannot work with. Lists every problem at once, each
 * naming its field; thrown at bootstrap, before any route answers.
 */
export class InvalidEventsHealthOptionsError extends Error {
  override readonly name = 'InvalidEventsHealthOptionsError';

  constructor(
    readonly problems: readonly string[],
    /** What got the options, such as `EventsHealthModule.forRoot()`. */
    readonly owner = 'EventsHealthModule',
  ) {
    super(invalidOptionsMessage(owner, problems));
  }
}
