import { handlersFailedMessage } from '../events.messages.js';
import type { DomainEvent } from '../interfaces/domain-event.interface.js';

/** One handler's failure on one event. */
export interface HandlerFailure {
  readonly handler: string;
  readonly event: DomainEvent;
  readonly error: unknown;
}

/**
 * Sync handlers failed during `publish`. Every other handler still ran; `failures` names each failed
 * handler with its cause.
 */
export class HandlersFailedError extends Error {
  override readonly name = 'HandlersFailedError';

  constructor(readonly failures: readonly HandlerFailure[]) {
    super(handlersFailedMessage(failures.map((f) => ({ handler: f.handler, eventType: f.event.type, error: f.error }))));
  }
}
