import { busClosedMessage } from '../events.messages.js';

/** `publish` was called after the application shut down. */
export class EventBusClosedError extends Error {
  override readonly name = 'EventBusClosedError';

  constructor(readonly eventType: string) {
    super(busClosedMessage(eventType));
  }
}
