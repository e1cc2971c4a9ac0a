import { eventStoreRequiredMessage, unknownReplayHandlerMessage } from '../events.messages.js';

/** An operation needs the durable log, and the module has no `store`. */
export class EventStoreRequiredError extends Error {
  override readonly name = 'EventStoreRequiredError';

  constructor(readonly operation: string) {
    super(eventStoreRequiredMessage(operation));
  }
}

/** A replay named handlers that are not registered. Nothing was replayed. */
export class UnknownReplayHandlerError extends Error {
  override readonly name = 'UnknownReplayHandlerError';

  constructor(
    readonly unknown: readonly string[],
    readonly known: readonly string[],
  ) {
    super(unknownReplayHandlerMessage(unknown, known));
  }
}
