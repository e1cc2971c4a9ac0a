import { performance } from 'node:perf_hooks';
import { DeadLetterHandlerMissingError, EventDeliveryUnavailableError } from '../errors/dead-letter.error.js';
import type { DeadLetter, DeliveryQueueCounts } from '../interfaces/dead-letter.interface.js';
import type { DomainEvent } from '../interfaces/domain-event.interface.js';
import type { DeliveryHost, EventDelivery, PriorFailure } from '../interfaces/event-delivery.interface.js';
import type { RegisteredHandler } from '../interfaces/handler.interface.js';
import { buildDeadLetter, deliveryPairId } from './delivery-pair.js';
import { InMemoryDeadLetterQueue } from './in-memory-dead-letter.queue.js';
import { InMemoryInbox } from './in-memory.inbox.js';

/** Options of the embedded driver. */
export interface InProcessDeliveryOptions {
  /** How long a completed pair is remembered, so a redelivered copy is skipped. @default 86400000 (24 h) */
  inboxTtlMs?: number;
  /** Completed pairs remembered at most; the oldest are forgotten first. @default 100000 */
  inboxSize?: number;
}

/** The queue name the embedded driver reports in counts and dead letters. */
export const IN_PROCESS_QUEUE = 'in-process';

interface Attempting {
  readonly event: DomainEvent;
  readonly handler: RegisteredHandler;
  /** Runs already made before this one. */
  readonly attemptsMade: number;
  readonly firstFailedAt?: Date;
  readonly lastError?: unknown;
}

/**
 * The embedded default: async handlers run in this process on a later turn of the event loop, each (event, handler)
 * pair on its own, retried by the handler's `RetryPolicy` with in-process timers and dead-lettered in memory.
 * Not durable: work in flight, waiting for a retry or dead-lettered is lost if the process stops. Use
 * `BullMqDelivery` from `@webnovel/events-bullmq` when that matters.
 */
export class InProcessDelivery implements EventDelivery {
  readonly deadLetters = new InMemoryDeadLetterQueue((letter) => this.resubmit(letter));
  private host: DeliveryHost | undefined;
  private readonly inbox: InMemoryInbox;
  /** Pair ids queued, running or waiting for a retry: delivering one again is a no-op. */
  private readonly pending = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly sleepers = new Set<() => void>();
  private readonly state = { waiting: 0, active: 0, delayed: 0 };
  private closed = false;

  constructor(options: InProcessDeliveryOptions = {}) {
    this.inbox = new InMemoryInbox(options.inboxTtlMs ?? 86_400_000, options.inboxSize ?? 100_000);
  }

  start(host: DeliveryHost): void {
    this.host = host;
  }

  async deliver(event: DomainEvent, handlers: readonly RegisteredHandler[]): Promise<void> {
    const host = this.running(event);
    for (const handler of handlers) this.schedule(host, { event, handler, attemptsMade: 0 }, 0);
  }

  async retry(event: DomainEvent, handler: RegisteredHandler, failure: PriorFailure): Promise<void> {
    const host = this.running(event);
    const prior: Attempting = {
      event,
      handler,
      attemptsMade: failure.attempts,
      firstFailedAt: failure.firstFailedAt,
      lastError: failure.error,
    };
    const policy = host.retryPolicy(handler);
    if (!policy.shouldRetry(failure.error, failure.attempts)) this.deadLetter(host, prior, failure.error, new Date());
    else this.schedule(host, prior, policy.delayMs(failure.attempts));
  }

  counts(): Promise<DeliveryQueueCounts[]> {
    return Promise.resolve([{ queue: IN_PROCESS_QUEUE, ...this.state, failed: 0, dead: this.deadLetters.size }]);
  }

  async close(timeoutMs: number): Promise<void> {
    this.closed = true;
    // Pairs waiting out a backoff give up now instead of holding shutdown for up to maxDelayMs.
    for (const wake of this.sleepers) wake();
    if (this.inFlight.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([Promise.allSettled([...this.inFlight]), timeout]);
    clearTimeout(timer);
  }

  private running(event: DomainEvent): DeliveryHost {
    if (this.host && !this.closed) return this.host;
    const cause = new Error(this.closed ? 'it has shut down' : 'it has not started; it starts with the EventsModule');
    throw new EventDeliveryUnavailableError('in-process', event.type, event.id, { cause });
  }

  private async resubmit(letter: DeadLetter): Promise<void> {
    const host = this.running(letter.event);
    const handler = host.handler(letter.handler);
    if (handler === undefined) throw new DeadLetterHandlerMissingError(letter.id, letter.handler);
    this.schedule(host, { event: letter.event, handler, attemptsMade: 0 }, 0);
  }

  private schedule(host: DeliveryHost, job: Attempting, delayMs: number): void {
    const pairId = deliveryPairId(job.event.id, job.handler.name);
    if (this.pending.has(pairId)) return;
    this.pending.add(pairId);
    const run = this.wait(delayMs)
      .then(() => this.runUntilSettled(host, job, pairId))
      .finally(() => {
        this.pending.delete(pairId);
        this.inFlight.delete(run);
      });
    this.inFlight.add(run);
  }

  private async runUntilSettled(host: DeliveryHost, job: Attempting, pairId: string): Promise<void> {
    const { event, handler } = job;
    if (this.inbox.has(pairId))
      return host.record({ handler: handler.name, event, outcome: 'skipped_duplicate', attempt: job.attemptsMade + 1, durationMs: 0 });
    const policy = host.retryPolicy(handler);
    let firstFailedAt = job.firstFailedAt;
    let lastError = job.lastError;
    for (let attempt = job.attemptsMade + 1; ; attempt++) {
      // A retry that woke because of shutdown is reported, not run; a first run queued before shutdown still runs.
      if (this.closed && attempt > 1) return host.reportFailure(handler, event, lastError, attempt - 1);
      const startedAt = performance.now();
      this.state.active++;
      try {
        await host.run(handler, event, { handler: handler.name, attempt, mode: 'async' });
        this.inbox.remember(pairId);
        return host.record({ handler: handler.name, event, outcome: 'success', attempt, durationMs: performance.now() - startedAt });
      } catch (error) {
        const durationMs = performance.now() - startedAt;
        firstFailedAt ??= new Date();
        lastError = error;
        if (!policy.shouldRetry(error, attempt))
          return this.deadLetter(host, { ...job, attemptsMade: attempt, firstFailedAt }, error, new Date(), durationMs);
        host.record({ handler: handler.name, event, outcome: 'retried', attempt, durationMs, error });
      } finally {
        this.state.active--;
      }
      this.state.delayed++;
      await this.sleep(policy.delayMs(attempt));
      this.state.delayed--;
    }
  }

  private deadLetter(host: DeliveryHost, job: Attempting, error: unknown, failedAt: Date, durationMs = 0): void {
    const letter = buildDeadLetter({
      event: job.event,
      handler: job.handler.name,
      queue: IN_PROCESS_QUEUE,
      error,
      attempts: job.attemptsMade,
      firstFailedAt: job.firstFailedAt ?? failedAt,
      lastFailedAt: failedAt,
    });
    this.deadLetters.add(letter);
    host.deadLettered(letter, error, durationMs);
  }

  private wait(delayMs: number): Promise<void> {
    const state = delayMs > 0 ? 'delayed' : 'waiting';
    this.state[state]++;
    const queued = delayMs > 0 ? this.sleep(delayMs) : new Promise<void>((resolve) => setImmediate(resolve));
    return queued.then(() => void this.state[state]--);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }
}
