import { invalidOptionsMessage } from '@webnovel/events/internal';

/**
 * `EventsAdminModule.forRoot()`/`forRootAsync()` or `new ApiKeyGuard()` got options it cannot work with. Lists every
 * problem at once; thrown at bootstrap, before any route is mounted. Never contains a key.
 */
export class InvalidEventsAdminOptionsError extends Error {
  override readonly name = 'InvalidEventsAdminOptionsError';

  constructor(
    readonly problems: readonly string[],
    /** What got the options, such as `EventsAdminModule.forRoot()`. */
    readonly owner = 'EventsAdminModule',
  ) {
    super(invalidOptionsMessage(owner, problems));
  }
}
