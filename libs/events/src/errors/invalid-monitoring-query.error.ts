import { invalidMonitoringQueryMessage } from '../events.messages.js';

/** The monitoring summary was asked for a window it cannot answer. */
export class InvalidMonitoringQueryError extends Error {
  override readonly name = 'InvalidMonitoringQueryError';

  constructor(readonly problems: readonly string[]) {
    super(invalidMonitoringQueryMessage(problems));
  }
}
