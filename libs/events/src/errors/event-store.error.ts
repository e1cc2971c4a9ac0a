import { eventStoreUnavailableMessage, invalidEventQueryMessage } from '../events.messages.js';

/** A find, replay or cleanup got a filter or page it cannot run. Nothing was queried. */
export class InvalidEventQueryError extends Error {
  override readonly name = 'InvalidEventQueryError';

  constructor(readonly problems: readonly string[]) {
    super(invalidEventQueryMessage(problems));
  }
}

/**
 * The event log could not store an event, so `publish` dispatched nothing: no event is handled without being
 * logged. `cause` holds the driver's error.
 */
export class EventStoreUnavailableError extends Error {
  override readonly name = 'EventStoreUnavailableError';

  constructor(
    readonly store: string,
    readonly eventType: string,
    readonly eventId: string,
    options: { cause: unknown },
  ) {
    super(eventStoreUnavailableMessage(store, eventType, eventId, options.cause), options);
  }
}
