import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Subject, type Observable } from 'rxjs';
import type { HandlerFailure } from '../errors/handlers-failed.error.js';
import { EVENTS_LOGGER_CONTEXT } from '../events.constants.js';
import { asyncHandlerFailedMessage } from '../events.messages.js';
import type { DeadLetter } from '../interfaces/dead-letter.interface.js';
import type { DomainEvent } from '../interfaces/domain-event.interface.js';

/** A failure of an async handler that nothing upstream will see: it is logged and emitted here. */
export interface UnhandledHandlerError extends HandlerFailure {
  /** The attempt that failed last. */
  readonly attempt: number;
  /** Where the pair went, when the driver dead-lettered it. */
  readonly deadLetter?: DeadLetter;
}

/** Logs async handler failures with their stack and emits them on `errors$`. */
@Injectable()
export class HandlerErrorReporter implements OnApplicationShutdown {
  private readonly logger = new Logger(EVENTS_LOGGER_CONTEXT);
  private readonly subject = new Subject<UnhandledHandlerError>();
  readonly errors$: Observable<UnhandledHandlerError> = this.subject.asObservable();

  report(handler: string, event: DomainEvent, error: unknown, attempt: number, deadLetter?: DeadLetter): void {
    const stack = error instanceof Error ? error.stack : String(error);
    const where = deadLetter ? `; dead-lettered as ${deadLetter.id}` : '';
    this.logger.error(`${asyncHandlerFailedMessage(handler, event.type, event.id)} on attempt ${attempt}${where}`, stack);
    this.subject.next(deadLetter ? { handler, event, error, attempt, deadLetter } : { handler, event, error, attempt });
  }

  onApplicationShutdown(): void {
    this.subject.complete();
  }
}
