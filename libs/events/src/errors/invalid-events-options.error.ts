import { invalidOptionsMessage } from '../options/option-problems.js';

/** `EventsModule.forRoot`/`forRootAsync` options are invalid. Lists every problem at once. */
export class InvalidEventsModuleOptionsError extends Error {
  override readonly name = 'InvalidEventsModuleOptionsError';

  constructor(readonly problems: readonly string[]) {
    super(invalidOptionsMessage('EventsModule', problems));
  }
}
