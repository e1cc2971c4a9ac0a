import { Injectable } from '@nestjs/common';
import { EventLog } from '../bus/event-log.js';
import { EventStoreRequiredError, UnknownReplayHandlerError } from '../errors/replay.error.js';
import type { DomainEvent } from '../interfaces/domain-event.interface.js';
import type { EventFilter, StoredEvent } from '../interfaces/event-store.interface.js';
import type { RegisteredHandler } from '../interfaces/handler.interface.js';
import { HandlerRegistry } from '../registry/handler.registry.js';
import { EventVersions } from '../versioning/event-versions.js';

/** Progress of a replay, reported after every event. */
export interface ReplayProgress {
  readonly replayed: number;
  readonly failed: number;
  readonly lastEventId: string;
}

/** What to replay, to whom and how fast. */
export interface ReplayRequest {
  /** Which stored events. @default every event */
  readonly filter?: EventFilter;
  /** Handler names to run. @default every handler whose patterns match each event */
  readonly handlers?: readonly string[];
  /** At most this many events per second. @default unlimited */
  readonly ratePerSecond?: number;
  readonly onProgress?: (progress: ReplayProgress) => void;
  readonly signal?: AbortSignal;
  /** @default 500 */
  readonly batchSize?: number;
}

/** One handler failure during a replay; the replay goes on. */
export interface ReplayFailure {
  readonly eventId: string;
  readonly handler: string;
  readonly error: unknown;
}

/** The outcome of a replay. */
export interface ReplayReport {
  readonly replayed: number;
  readonly failed: number;
  /** The first 100 failures. */
  readonly failures: readonly ReplayFailure[];
  readonly durationMs: number;
  readonly aborted: boolean;
}

const MAX_REPORTED_FAILURES = 100;

/**
 * Replays logged events, in their original order, straight into handlers: nothing is appended again and nothing
 * goes through the delivery driver, so a replay is repeatable and never duplicates the log.
 */
@Injectable()
export class EventReplayer {
  constructor(
    private readonly log: EventLog,
    private readonly registry: HandlerRegistry,
    private readonly versions: EventVersions,
  ) {}

  /**
   * @throws EventStoreRequiredError when no store is configured
   * @throws UnknownReplayHandlerError when a named handler is not registered (nothing is replayed)
   */
  async replay(request: ReplayRequest = {}): Promise<ReplayReport> {
    const store = this.log.store;
    if (!store) throw new EventStoreRequiredError('replay');
    await this.registry.ready;
    const missing = request.handlers?.filter((name) => this.registry.get(name) === undefined) ?? [];
    if (missing.length > 0)
      throw new UnknownReplayHandlerError(
        missing,
        this.registry.all().map((h) => h.name),
      );
    const only = request.handlers ? new Set(request.handlers) : undefined;
    const started = Date.now();
    const failures: ReplayFailure[] = [];
    let replayed = 0;
    let failed = 0;
    const minIntervalMs = request.ratePerSecond ? 1000 / request.ratePerSecond : 0;
    const count = await store.replay(
      request.filter ?? {},
      async (stored: StoredEvent) => {
        if (minIntervalMs > 0) await pace(started, replayed, minIntervalMs);
        // A named handler still only gets the events its own patterns select.
        const event = this.log.revive(stored.event);
        const handlers = this.handlersFor(event).filter((h) => only === undefined || only.has(h.name));
        let eventFailed = false;
        for (const handler of handlers) {
          try {
            await handler.invoke(this.versions.forHandler(handler, event), {
              handler: handler.name,
              attempt: 1,
              mode: handler.mode,
            });
          } catch (error) {
            eventFailed = true;
            if (failures.length < MAX_REPORTED_FAILURES) failures.push({ eventId: event.id, handler: handler.name, error });
          }
        }
        replayed++;
        if (eventFailed) failed++;
        request.onProgress?.({ replayed, failed, lastEventId: event.id });
      },
      { batchSize: request.batchSize, signal: request.signal },
    );
    return { replayed: count, failed, failures, durationMs: Date.now() - started, aborted: request.signal?.aborted ?? false };
  }

  private handlersFor(event: DomainEvent): RegisteredHandler[] {
    const route = this.registry.route(event.type);
    return [...route.sync, ...route.async];
  }
}

/** Waits until `done` events fit in the elapsed time at the requested rate. */
async function pace(started: number, done: number, minIntervalMs: number): Promise<void> {
  const due = started + done * minIntervalMs - Date.now();
  if (due > 0) await new Promise((resolve) => setTimeout(resolve, due));
}
