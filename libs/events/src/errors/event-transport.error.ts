import { transportUnavailableMessage } from '../events.messages.js';

/**
 * The transport could not publish an event: the broker was unreachable, refused it or did not confirm it in time.
 * Some events of the batch may have been accepted; republishing is safe because consumers deduplicate by event id.
 * `cause` holds the transport's error.
 */
export class EventTransportUnavailableError extends Error {
  override readonly name = 'EventTransportUnavailableError';

  constructor(
    readonly transport: string,
    readonly eventType: string,
    readonly eventId: string,
    options: { cause: unknown },
  ) {
    super(transportUnavailableMessage(transport, eventType, eventId, options.cause), options);
  }
}
