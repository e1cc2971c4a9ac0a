import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventDispatcher } from '../bus/event-dispatcher.js';
import { EventLog } from '../bus/event-log.js';
import { TransportBridge } from '../bus/transport.bridge.js';
import { HandlersFailedError } from '../errors/handlers-failed.error.js';
import { EVENTS_LOGGER_CONTEXT, RESOLVED_EVENTS_OPTIONS } from '../events.constants.js';
import { describeError } from '../events.messages.js';
import type { ResolvedEventsOptions } from '../options/events-options.resolver.js';

/** What one relay pass did. */
export interface RelayPassResult {
  /** Events found pending and dispatched again. */
  readonly dispatched: number;
  /** Of those, events whose sync handlers failed (logged; still marked dispatched, as a publish would be). */
  readonly failed: number;
}

/**
 * Re-dispatches events that were logged but never marked dispatched: a process that died between append and
 * dispatch, a transactional-outbox append, or an event the broker did not confirm (it is published again, and its
 * local handlers run only if they have not run in this process). Runs once at startup and then every
 * `outbox.intervalMs`.
 * Delivery is at least once: an event whose mark was lost is dispatched again, so handlers that must not repeat
 * need the idempotent inbox.
 */
@Injectable()
export class OutboxRelay {
  private readonly logger = new Logger(EVENTS_LOGGER_CONTEXT);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<RelayPassResult> | undefined;
  private stopped = false;

  constructor(
    @Inject(RESOLVED_EVENTS_OPTIONS) private readonly options: ResolvedEventsOptions,
    private readonly log: EventLog,
    private readonly dispatcher: EventDispatcher,
    private readonly bridge: TransportBridge,
  ) {}

  /** Whether a store and the relay are both configured. */
  get enabled(): boolean {
    return this.log.store !== undefined && this.options.outbox.enabled;
  }

  /** Runs a first pass and schedules the next ones. */
  start(): void {
    if (!this.enabled) return;
    this.stopped = false;
    void this.tick();
  }

  /** Stops scheduling and waits for a pass in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /**
   * One pass: dispatches every event pending for longer than `outbox.graceMs`, oldest first, in batches.
   * Concurrent calls share the pass in progress.
   */
  runOnce(): Promise<RelayPassResult> {
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  private async tick(): Promise<void> {
    try {
      const result = await this.runOnce();
      if (result.dispatched > 0)
        this.logger.log(`Outbox relay re-dispatched ${result.dispatched} pending event(s), ${result.failed} with failed handlers`);
    } catch (error) {
      this.logger.error(`Outbox relay pass failed: ${describeError(error)}; retrying in ${this.options.outbox.intervalMs} ms`);
    }
    if (!this.stopped) {
      this.timer = setTimeout(() => void this.tick(), this.options.outbox.intervalMs);
      this.timer.unref();
    }
  }

  private async pass(): Promise<RelayPassResult> {
    const store = this.log.store;
    if (!store) return { dispatched: 0, failed: 0 };
    const { graceMs, batchSize } = this.options.outbox;
    let dispatched = 0;
    let failed = 0;
    for (;;) {
      const pending = await store.findUndispatched(new Date(Date.now() - graceMs), batchSize);
      for (const stored of pending) {
        if (this.stopped) return { dispatched, failed };
        const event = this.log.revive(stored.event);
        // The broker first: if it is still down the pass stops here, and the event stays pending for the next one.
        if (this.bridge.leaves(event.type)) await this.bridge.publish([event]);
        try {
          if (this.bridge.runsHere(event.type) && !this.bridge.takeLocallyDispatched(event.id)) await this.dispatcher.dispatch(event);
        } catch (error) {
          if (!(error instanceof HandlersFailedError)) throw error;
          failed++;
          this.logger.error(`Outbox relay: ${error.message}`, error.stack);
        }
        await store.markDispatched([stored.event.id]);
        dispatched++;
      }
      if (pending.length < batchSize) return { dispatched, failed };
    }
  }
}
