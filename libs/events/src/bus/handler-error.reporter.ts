import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Subject, type Observable } from 'rxjs';
import type { HandlerFailure } from '../errors/handlers-failed.error.js';
import { EVENTS_LOGGER_CONTEXT } from '../events.constants.js';
import type { DeadLetter } from '../interfaces/dead-letter.interface.js';
import type { DomainEvent } from '../interfaces/domain-event.interface.js';
import { eventLogLine } from '../observability/event-log-line.js';

/** A failure of an async handler that nothing upstream will see: it is logged and emitted here. */
export interface UnhandledHandlerError extends HandlerFailure {
  /** The attempt that failed last. */
  readonly attempt: number;
  /** Where the pair went, when the driver dead-lettered it. */
  readonly deadLetter?: DeadLetter;
}

/** Logs async handler failures as one structured `error` line with the stack, and emits them on `errors$`. */
@Injectable()
export class HandlerErrorReporter implements OnApplicationShutdown {
  private readonly logger = new Logger(EVENTS_LOGGER_CONTEXT);
  private readonly subject = new Subject<UnhandledHandlerError>();
  readonly errors$: Observable<UnhandledHandlerError> = this.subject.asObservable();

  report(handler: string, event: DomainEvent, error: unknown, attempt: number, deadLetter?: DeadLetter, durationMs?: number): void {
    this.logger.error(
      eventLogLine(event, {
        msg: deadLetter ? 'event handler dead-lettered' : 'event handler given up',
        handler,
        mode: 'async',
        outcome: deadLetter ? 'dead_lettered' : 'failure',
        attempt,
        duration_ms: durationMs,
        ...(deadLetter ? { dead_letter_id: deadLetter.id } : {}),
        error,
      }),
    );
    this.subject.next(deadLetter ? { handler, event, error, attempt, deadLetter } : { handler, event, error, attempt });
  }

  onApplicationShutdown(): void {
    this.subject.complete();
  }
}
