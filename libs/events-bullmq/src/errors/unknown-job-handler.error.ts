import { unknownJobHandlerMessage } from '../events-bullmq.messages.js';

/** A job names a handler this application does not have: another service shares the queue, or the handler was removed. */
export class UnknownJobHandlerError extends Error {
  override readonly name = 'UnknownJobHandlerError';

  constructor(
    readonly pairId: string,
    readonly handler: string,
    readonly queue: string,
  ) {
    super(unknownJobHandlerMessage(pairId, handler, queue));
  }
}
