import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventLog } from '../bus/event-log.js';
import { EVENTS_LOGGER_CONTEXT, RESOLVED_EVENTS_OPTIONS } from '../events.constants.js';
import { describeError } from '../events.messages.js';
import type { ResolvedEventsOptions } from '../options/events-options.resolver.js';

/**
 * Calls `store.removeExpired()` every `retentionSweepMs`, for stores without a TTL index of their own (PostgreSQL,
 * in-memory). Harmless on MongoDB, whose TTL monitor removes the same documents.
 */
@Injectable()
export class RetentionSweeper {
  private readonly logger = new Logger(EVENTS_LOGGER_CONTEXT);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    @Inject(RESOLVED_EVENTS_OPTIONS) private readonly options: ResolvedEventsOptions,
    private readonly log: EventLog,
  ) {}

  start(): void {
    if (!this.log.store || this.options.retentionSweepMs === 0) return;
    this.timer = setInterval(() => void this.sweep(), this.options.retentionSweepMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Removes expired events now and returns how many; concurrent calls share one sweep. */
  sweep(): Promise<number> {
    const store = this.log.store;
    if (!store) return Promise.resolve(0);
    this.running ??= store
      .removeExpired()
      .then((removed) => {
        if (removed > 0) this.logger.log(`Retention removed ${removed} expired event(s)`);
        return removed;
      })
      .catch((error: unknown) => {
        this.logger.warn(`Retention sweep failed: ${describeError(error)}; the next sweep will try again`);
        return 0;
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }
}
