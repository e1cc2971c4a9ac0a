import { invalidStoreOptionsMessage } from '../postgres.messages.js';

/** `new PostgresEventStore(options)` got options it cannot work with. Lists every problem at once; nothing was connected. */
export class InvalidPostgresEventStoreOptionsError extends Error {
  override readonly name = 'InvalidPostgresEventStoreOptionsError';

  constructor(readonly problems: readonly string[]) {
    super(invalidStoreOptionsMessage(problems));
  }
}
