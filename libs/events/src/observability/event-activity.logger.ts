import { Logger, type LogLevel } from '@nestjs/common';
import { EVENTS_LOGGER_CONTEXT } from '../events.constants.js';
import type { TransportRecord } from '../interfaces/event-transport.interface.js';
import type { EventsObserver, HandleRecord, PublishRecord } from '../interfaces/events-observer.interface.js';
import { errorInfo } from '../delivery/delivery-pair.js';
import { eventLogLine } from './event-log-line.js';

/** Levels a per-event line may use; failures always log at `warn`. */
export type EventLogLevel = Extract<LogLevel, 'debug' | 'verbose' | 'log'>;

/**
 * Writes one structured line per publish and per handler run through Nest's `Logger`, so the application's logger
 * (pino with `nestjs-pino`) formats it. Successes go at the configured level, `debug` by default, which production
 * loggers drop; retries and failed sync runs go at `warn`. Dead letters and give-ups are logged at `error` by
 * `HandlerErrorReporter`, with the stack, so they are skipped here.
 */
export class EventActivityLogger implements EventsObserver {
  private readonly logger = new Logger(EVENTS_LOGGER_CONTEXT);

  constructor(private readonly level: EventLogLevel) {}

  published({ event, type, durationMs, error }: PublishRecord): void {
    if (error !== undefined) {
      const msg = 'event publish failed';
      const duration_ms = Math.round(durationMs * 1000) / 1000;
      this.logger.warn(
        event ? eventLogLine(event, { msg, duration_ms, error }) : { msg, event_type: type, duration_ms, error: errorInfo(error) },
      );
    } else if (event !== undefined && Logger.isLevelEnabled(this.level)) {
      this.logger[this.level](eventLogLine(event, { msg: 'event published', duration_ms: durationMs }));
    }
  }

  handled(record: HandleRecord): void {
    const { outcome } = record;
    if (outcome === 'dead_lettered' || (outcome === 'failure' && record.mode === 'async')) return;
    if (outcome === 'success' || outcome === 'skipped_duplicate') {
      if (Logger.isLevelEnabled(this.level))
        this.logger[this.level](this.line(record, outcome === 'success' ? 'event handled' : 'event skipped as duplicate'));
      return;
    }
    this.logger.warn(this.line(record, outcome === 'retried' ? 'event handler failed; will retry' : 'event handler failed'));
  }

  /** Failures on the broker side; a consumed message is already logged as its handler runs. */
  transported({ transport, outcome, type, count, durationMs, error }: TransportRecord): void {
    if (outcome === 'published' || outcome === 'consumed' || outcome === 'skipped_own') return;
    const line = {
      msg: `transport ${outcome.replace('_', ' ')}`,
      transport,
      event_type: type,
      count,
      duration_ms: durationMs,
      ...(error === undefined ? {} : { error: errorInfo(error) }),
    };
    if (outcome === 'dead_lettered') this.logger.error(line);
    else this.logger.warn(line);
  }

  private line({ event, handler, mode, outcome, attempt, durationMs, error }: HandleRecord, msg: string) {
    return eventLogLine(event, { msg, handler, mode, outcome, attempt, duration_ms: durationMs, error });
  }
}
