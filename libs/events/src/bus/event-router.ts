import { Injectable, Logger } from '@nestjs/common';
import { HandlersFailedError, type HandlerFailure } from '../errors/handlers-failed.error.js';
import { EVENTS_LOGGER_CONTEXT } from '../events.constants.js';
import { describeError } from '../events.messages.js';
import type { DomainEvent } from '../interfaces/domain-event.interface.js';
import { EventDispatcher } from './event-dispatcher.js';
import { EventLog } from './event-log.js';
import { TransportBridge } from './transport.bridge.js';

const NONE: readonly DomainEvent[] = [];
const NOTHING_UNPUBLISHED: ReadonlySet<string> = new Set();

/**
 * Where a prepared event goes, in this order: the log (with a store), the broker (with a transport, unless the type
 * is local only), this process's handlers (without a transport, in hybrid mode, or local only), then the dispatch
 * mark. The broker comes before local handlers so that a publish rejected for the broker has run nothing here, and
 * retrying it never runs a local handler twice.
 */
@Injectable()
export class EventRouter {
  private readonly logger = new Logger(EVENTS_LOGGER_CONTEXT);

  constructor(
    private readonly log: EventLog,
    private readonly dispatcher: EventDispatcher,
    private readonly bridge: TransportBridge,
  ) {}

  /** One event: without a store, cache or broker for it, straight to the dispatcher (the hot path). */
  route(event: DomainEvent): Promise<void> {
    if (this.bridge.enabled && this.bridge.leaves(event.type)) return this.routeAll([event]);
    if (this.log.store === undefined && this.log.cache === undefined) return this.dispatcher.dispatch(event);
    return this.log.record([event]).then(() => this.dispatchAndMark([event], [event], NOTHING_UNPUBLISHED));
  }

  /**
   * Several events, in order: logged in one round trip, published to the broker in one batch, then dispatched.
   * @throws EventStoreUnavailableError when the log cannot append; nothing went anywhere
   * @throws EventTransportUnavailableError when the broker did not confirm and there is no store; nothing ran here
   * @throws HandlersFailedError with every failed sync handler, after all events were dispatched
   */
  async routeAll(events: readonly DomainEvent[]): Promise<void> {
    await this.log.record(events);
    const remote = this.bridge.enabled ? events.filter((e) => this.bridge.leaves(e.type)) : NONE;
    const unpublished = remote.length > 0 ? await this.publishRemote(remote) : NOTHING_UNPUBLISHED;
    const local = remote.length === 0 ? events : events.filter((e) => this.bridge.runsHere(e.type));
    await this.dispatchAndMark(local, events, unpublished);
  }

  /**
   * Publishes to the broker; the ids it did not confirm, which with a store stay pending for the relay.
   * @throws EventTransportUnavailableError without a store: the caller must know the events went nowhere
   */
  private async publishRemote(remote: readonly DomainEvent[]): Promise<ReadonlySet<string>> {
    try {
      await this.bridge.publish(remote);
      return NOTHING_UNPUBLISHED;
    } catch (error) {
      if (this.log.store === undefined) throw error;
      this.logger.warn(
        `The broker did not confirm ${remote.length} event(s) (${describeError(error)}); they are logged and the outbox relay ` +
          `publishes them once the broker is back`,
      );
      return new Set(remote.map((e) => e.id));
    }
  }

  /**
   * Dispatches `local` in order, collecting handler failures, then marks every event of `all` that is done: it ran
   * here (or was never meant to) and the broker confirmed it (or it never leaves).
   */
  private async dispatchAndMark(
    local: readonly DomainEvent[],
    all: readonly DomainEvent[],
    unpublished: ReadonlySet<string>,
  ): Promise<void> {
    const failures: HandlerFailure[] = [];
    const dispatched = new Set<string>();
    try {
      for (const event of local) {
        await this.dispatcher.dispatch(event).catch((error: unknown) => {
          if (!(error instanceof HandlersFailedError)) throw error;
          failures.push(...error.failures);
        });
        dispatched.add(event.id);
      }
    } finally {
      // Handlers ran (or failed on their own); what never reached them, or the broker, stays pending for the relay.
      const done: string[] = [];
      for (const event of all) {
        const ranHere = dispatched.has(event.id) || !this.bridge.runsHere(event.type);
        if (ranHere && !unpublished.has(event.id)) done.push(event.id);
        else if (dispatched.has(event.id)) this.bridge.rememberLocallyDispatched(event.id);
      }
      this.log.markDispatched(done);
    }
    if (failures.length > 0) throw new HandlersFailedError(failures);
  }
}
