import { deadLetterHandlerMissingMessage, deliveryUnavailableMessage, invalidDeadLetterQueryMessage } from '../events.messages.js';

/** A dead-letter list, reprocess or purge got a filter, page or id it cannot use. Nothing was read or changed. */
export class InvalidDeadLetterQueryError extends Error {
  override readonly name = 'InvalidDeadLetterQueryError';

  constructor(readonly problems: readonly string[]) {
    super(invalidDeadLetterQueryMessage(problems));
  }
}

/** A dead letter names a handler this application does not have, so it cannot be reprocessed here. It was kept. */
export class DeadLetterHandlerMissingError extends Error {
  override readonly name = 'DeadLetterHandlerMissingError';

  constructor(
    readonly deadLetterId: string,
    readonly handler: string,
  ) {
    super(deadLetterHandlerMissingMessage(deadLetterId, handler));
  }
}

/** The delivery driver could not accept an event for its async handlers. `cause` holds the driver's error. */
export class EventDeliveryUnavailableError extends Error {
  override readonly name = 'EventDeliveryUnavailableError';

  constructor(
    readonly driver: string,
    readonly eventType: string,
    readonly eventId: string,
    options: { cause: unknown },
  ) {
    super(deliveryUnavailableMessage(driver, eventType, eventId, options.cause), options);
  }
}
