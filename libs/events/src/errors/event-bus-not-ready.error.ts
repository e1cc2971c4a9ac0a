import { busNotReadyMessage } from '../events.messages.js';

/**
 * `publish` was called on a bus whose application was never initialised (`compile()` without `init()`), or whose
 * initialisation failed (`cause`). Nothing was logged or dispatched.
 */
export class EventBusNotReadyError extends Error {
  override readonly name = 'EventBusNotReadyError';

  constructor(
    readonly eventType: string,
    readonly waitedMs: number,
    options?: { cause: unknown },
  ) {
    super(busNotReadyMessage(eventType, waitedMs, options?.cause), options);
  }
}
