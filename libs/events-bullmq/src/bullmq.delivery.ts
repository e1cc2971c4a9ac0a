import { Logger } from '@nestjs/common';
import {
  DeadLetterHandlerMissingError,
  EventDeliveryUnavailableError,
  type DeadLetter,
  type DeliveryHost,
  type DeliveryQueueCounts,
  type DomainEvent,
  type EventDelivery,
  type PriorFailure,
  type RegisteredHandler,
} from '@webnovel/events';
import { describeError, buildDeadLetter, deliveryPairId } from '@webnovel/events/internal';
import { Queue, UnrecoverableError, Worker, type Job, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { BullMqDeadLetterQueue } from './bullmq-dead-letter.queue.js';
import { failedJobError, isClient, ownClient, pingRedis, toJobEvent } from './bullmq-delivery.util.js';
import { resolveBullMqDeliveryOptions, type BullMqDeliveryOptions, type ResolvedBullMqDeliveryOptions } from './bullmq-delivery.options.js';
import { RETRY_POLICY_BACKOFF, type DeliveryJobData } from './delivery-job.js';
import { UnknownJobHandlerError } from './errors/unknown-job-handler.error.js';
import { closedMessage, deadLetterWriteMessage, evictionPolicyMessage, notStartedMessage } from './events-bullmq.messages.js';
import { JobBatcher } from './job-batcher.js';
import { RedisInbox } from './redis.inbox.js';

/** One work queue with its dead-letter queue and, once started, its worker. */
interface Lane {
  readonly queue: Queue<DeliveryJobData>;
  readonly dead: Queue<DeadLetter>;
  readonly batcher: JobBatcher;
  readonly concurrency: number;
  worker?: Worker<DeliveryJobData>;
}

/**
 * Durable delivery on BullMQ: each (event, handler) pair is one job whose id is the pair id, so enqueueing it twice
 * is a no-op. Failed runs are retried by BullMQ with a custom backoff that asks the handler's `RetryPolicy`; the last
 * failure writes a dead letter to `<queue>.dead-letter` before the job completes. Completed pairs go to a Redis
 * inbox, so a redelivered copy is skipped.
 */
export class BullMqDelivery implements EventDelivery {
  readonly deadLetters: BullMqDeadLetterQueue;
  private readonly logger = new Logger('BullMqDelivery');
  private readonly options: ResolvedBullMqDeliveryOptions;
  private readonly redis: Redis;
  private readonly inbox: RedisInbox | undefined;
  private readonly lanes = new Map<string, Lane>();
  private readonly shared: Lane;
  private host: DeliveryHost | undefined;
  private closed = false;

  /** @throws InvalidBullMqDeliveryOptionsError naming every bad option; nothing is connected then */
  constructor(options: BullMqDeliveryOptions) {
    this.options = resolveBullMqDeliveryOptions(options);
    const { connection, prefix, queueName, handlers, inboxTtlMs } = this.options;
    // An ioredis client (for example from BullModule.forRoot) is shared as BullMQ allows; options get our own clients.
    this.redis = isClient(connection) ? connection.duplicate() : ownClient(connection);
    this.redis.on('error', (error: Error) => this.logger.warn(`Redis: ${error.message}`));
    this.inbox = inboxTtlMs === undefined ? undefined : new RedisInbox(this.redis, `${prefix}:${queueName}:inbox`, inboxTtlMs);
    this.shared = this.lane(queueName, this.options.concurrency);
    for (const [handler, { concurrency }] of Object.entries(handlers))
      this.lanes.set(handler, this.lane(`${queueName}.${handler}`, concurrency));
    const lanes = [this.shared, ...this.lanes.values()];
    this.deadLetters = new BullMqDeadLetterQueue(
      lanes.map((l) => l.dead),
      (letter) => this.resubmit(letter),
    );
  }

  /** The names of the work queues, each with `<name>.dead-letter` beside it. */
  get queueNames(): string[] {
    return [this.shared, ...this.lanes.values()].map((l) => l.queue.name);
  }

  async start(host: DeliveryHost): Promise<void> {
    this.host = host;
    if (this.redis.status === 'wait') await this.redis.connect();
    await this.warnUnlessNoEviction();
    for (const lane of this.allLanes()) {
      await lane.dead.pause();
      if (!this.options.workers) continue;
      await this.sweepFailed(lane);
      lane.worker = new Worker<DeliveryJobData>(lane.queue.name, (job) => this.process(lane, job), {
        connection: this.options.connection,
        prefix: this.options.prefix,
        concurrency: lane.concurrency,
        lockDuration: this.options.lockDurationMs,
        stalledInterval: this.options.stalledIntervalMs,
        settings: { backoffStrategy: (attemptsMade, _type, _error, job) => this.backoff(attemptsMade, job as Job<DeliveryJobData>) },
      });
      // Errors surface per job through the processor; this catches connection trouble, which BullMQ retries itself.
      lane.worker.on('error', (error) => this.logger.warn(`Worker of ${lane.queue.name}: ${error.message}`));
      await lane.worker.waitUntilReady();
    }
  }

  async deliver(event: DomainEvent, handlers: readonly RegisteredHandler[]): Promise<void> {
    const host = this.running(event);
    const serialized = toJobEvent(event);
    try {
      await Promise.all(
        handlers.map((handler) =>
          this.laneFor(handler.name).batcher.add({
            name: handler.name,
            data: { event: serialized, handler: handler.name },
            opts: this.jobOptions(event.id, handler.name, host.retryPolicy(handler).options.maxAttempts),
          }),
        ),
      );
    } catch (error) {
      throw new EventDeliveryUnavailableError('BullMQ', event.type, event.id, { cause: error });
    }
  }

  async retry(event: DomainEvent, handler: RegisteredHandler, failure: PriorFailure): Promise<void> {
    const host = this.running(event);
    const policy = host.retryPolicy(handler);
    const lane = this.laneFor(handler.name);
    try {
      if (!policy.shouldRetry(failure.error, failure.attempts)) {
        const letter = this.letter(lane, event, handler.name, failure.error, failure.attempts, failure.firstFailedAt, new Date());
        await lane.dead.add(handler.name, letter, { jobId: letter.id });
        return host.deadLettered(letter, failure.error, 0);
      }
      const data = {
        event: toJobEvent(event),
        handler: handler.name,
        priorAttempts: failure.attempts,
        firstFailedAt: failure.firstFailedAt.toISOString(),
      };
      const opts = this.jobOptions(event.id, handler.name, policy.options.maxAttempts - failure.attempts);
      await lane.batcher.add({ name: handler.name, data, opts: { ...opts, delay: policy.delayMs(failure.attempts) } });
    } catch (error) {
      throw new EventDeliveryUnavailableError('BullMQ', event.type, event.id, { cause: error });
    }
  }

  async counts(): Promise<DeliveryQueueCounts[]> {
    return Promise.all(
      this.allLanes().map(async (lane) => {
        const c = await lane.queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed');
        const dead = await this.deadLetters.count(lane.dead);
        const waiting = (c.waiting ?? 0) + (c.prioritized ?? 0);
        return { queue: lane.queue.name, waiting, active: c.active ?? 0, delayed: c.delayed ?? 0, failed: c.failed ?? 0, dead };
      }),
    );
  }

  /** Redis PING on the shared queue's connection; rejects within `commandTimeoutMs` while Redis is unreachable. */
  ping(): Promise<void> {
    return pingRedis(this.shared.queue.getBackend().client, this.options.commandTimeoutMs);
  }

  async close(timeoutMs: number): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const lanes = this.allLanes();
    await Promise.all(lanes.map((l) => l.batcher.drain()));
    // Pausing stops fetching and waits for running jobs. Past the timeout, the forced close leaves what still runs to
    // the stalled-job check of the next worker. (A plain close() cannot be forced later: BullMQ reuses its promise.)
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([Promise.all(lanes.map((l) => l.worker?.pause())), timedOut]);
    clearTimeout(timer);
    await Promise.all(lanes.map((l) => l.worker?.close(true)));
    await Promise.all(lanes.flatMap((l) => [l.queue.close(), l.dead.close()]));
    this.redis.disconnect();
  }

  private async process(lane: Lane, job: Job<DeliveryJobData>): Promise<void> {
    const host = this.host!;
    const data = job.data;
    let event: DomainEvent;
    try {
      event = host.revive(data.event);
    } catch (error) {
      // No retry can make an unreadable envelope readable: straight to the failed set, where counts show it.
      this.logger.error(`Job ${job.id} on ${lane.queue.name} holds an envelope this application rejects: ${describeError(error)}`);
      throw new UnrecoverableError(describeError(error));
    }
    const pairId = deliveryPairId(event.id, data.handler);
    const attempt = (data.priorAttempts ?? 0) + job.attemptsMade + 1;
    const handler = host.handler(data.handler);
    if (handler === undefined) {
      const error = new UnknownJobHandlerError(pairId, data.handler, lane.queue.name);
      const letter = this.letter(lane, event, data.handler, error, attempt, new Date(), new Date());
      await this.writeDeadLetter(job, lane, letter, error);
      // Beside the generic failure line, say what is misconfigured.
      this.logger.error(error.message);
      return host.deadLettered(letter, error, 0);
    }
    if (this.inbox && (await this.inbox.has(pairId))) {
      return host.record({ handler: handler.name, event, outcome: 'skipped_duplicate', attempt, durationMs: 0 });
    }
    // Started more often than it failed: a worker died mid-run. If that run had already dead-lettered, finish here.
    if (job.attemptsStarted > job.attemptsMade + 1 && (await lane.dead.getJob(pairId))) return;
    const startedAt = performance.now();
    try {
      await host.run(handler, event, { handler: handler.name, attempt, mode: 'async' });
    } catch (error) {
      const durationMs = performance.now() - startedAt;
      const now = new Date();
      const firstFailedAt = data.firstFailedAt ? new Date(data.firstFailedAt) : now;
      if (host.retryPolicy(handler).shouldRetry(error, attempt)) {
        if (!data.firstFailedAt) await job.updateData({ ...data, firstFailedAt: now.toISOString() });
        host.record({ handler: handler.name, event, outcome: 'retried', attempt, durationMs, error });
        throw error;
      }
      const letter = this.letter(lane, event, handler.name, error, attempt, firstFailedAt, now);
      await this.writeDeadLetter(job, lane, letter, error);
      return host.deadLettered(letter, error, durationMs);
    }
    const durationMs = performance.now() - startedAt;
    // Best effort: without the mark a redelivered copy runs again, which is at-least-once, not a lost event.
    await this.inbox?.remember(pairId).catch((error: Error) => this.logger.warn(`Inbox write for ${pairId} failed: ${error.message}`));
    host.record({ handler: handler.name, event, outcome: 'success', attempt, durationMs });
  }

  /** Written before the job completes and keyed by the pair id, so a crash in between never loses the dead letter. */
  private async writeDeadLetter(job: Job<DeliveryJobData>, lane: Lane, letter: DeadLetter, handlerError: unknown): Promise<void> {
    try {
      await lane.dead.add(letter.handler, letter, { jobId: letter.id });
    } catch (writeError) {
      this.logger.error(`${deadLetterWriteMessage(letter.id, lane.dead.name)} Cause: ${describeError(writeError)}`);
      // Kept on the job for the sweep; best effort, since Redis may be refusing writes altogether.
      await job.updateData({ ...job.data, lastError: letter.error }).catch(() => undefined);
      // Unrecoverable: BullMQ moves the job to its failed set, keeping this message and stack, instead of retrying.
      const failed = new UnrecoverableError(letter.error.message);
      failed.stack = letter.error.stack ?? `${letter.error.name}: ${letter.error.message}`;
      throw Object.assign(failed, { cause: handlerError });
    }
  }

  /**
   * Moves jobs BullMQ failed on its own (a dead letter that could not be written) to the dead-letter queue. A job
   * that cannot be moved (an envelope this application rejects) is logged and left in the failed set, where counts
   * show it, rather than stopping the application from starting.
   */
  private async sweepFailed(lane: Lane): Promise<void> {
    for (const job of (await lane.queue.getJobs(['failed'])) as Job<DeliveryJobData>[]) {
      if (!job?.data?.event) continue;
      try {
        const event = this.host!.revive(job.data.event);
        const lastFailedAt = new Date(job.finishedOn ?? Date.now());
        const firstFailedAt = job.data.firstFailedAt ? new Date(job.data.firstFailedAt) : lastFailedAt;
        const attempts = (job.data.priorAttempts ?? 0) + job.attemptsMade;
        const letter = {
          ...this.letter(lane, event, job.data.handler, undefined, attempts, firstFailedAt, lastFailedAt),
          error: job.data.lastError ?? failedJobError(job),
        };
        await lane.dead.add(job.data.handler, letter, { jobId: letter.id });
        await job.remove();
        this.logger.warn(`Moved failed job ${job.id} to ${lane.dead.name}`);
      } catch (error) {
        this.logger.error(`Left failed job ${job.id} in ${lane.queue.name}: ${describeError(error)}`);
      }
    }
  }

  private async resubmit(letter: DeadLetter): Promise<void> {
    const host = this.running(letter.event);
    const handler = host.handler(letter.handler);
    if (handler === undefined) throw new DeadLetterHandlerMissingError(letter.id, letter.handler);
    const event = host.revive(letter.event);
    const opts = this.jobOptions(event.id, handler.name, host.retryPolicy(handler).options.maxAttempts);
    // A new job id per dead letter: the original id may still be held by a job that has not been cleaned up.
    const jobId = `${opts.jobId}.r${Date.parse(letter.deadLetteredAt)}`;
    await this.laneFor(handler.name).queue.add(handler.name, { event: toJobEvent(event), handler: handler.name }, { ...opts, jobId });
  }

  private backoff(attemptsMade: number, job: Job<DeliveryJobData> | undefined): number {
    const handler = job && this.host?.handler(job.data.handler);
    if (!handler) return -1;
    return this.host!.retryPolicy(handler).delayMs((job.data.priorAttempts ?? 0) + attemptsMade);
  }

  private jobOptions(eventId: string, handler: string, attempts: number): JobsOptions & { jobId: string } {
    return {
      jobId: deliveryPairId(eventId, handler),
      attempts: Math.max(1, attempts),
      backoff: { type: RETRY_POLICY_BACKOFF },
      removeOnComplete: true,
      removeOnFail: false,
    };
  }

  private letter(lane: Lane, event: DomainEvent, handler: string, error: unknown, attempts: number, first: Date, last: Date): DeadLetter {
    return buildDeadLetter({ event, handler, queue: lane.queue.name, error, attempts, firstFailedAt: first, lastFailedAt: last });
  }

  private lane(name: string, concurrency: number): Lane {
    // Producers fail fast while Redis is away, so publish reports it instead of hanging.
    const given = this.options.connection;
    // A command already sent when the connection drops is replayed after reconnecting, not failed: only a command
    // timeout bounds how long publish waits then.
    const connection = isClient(given) ? given : { enableOfflineQueue: false, commandTimeout: this.options.commandTimeoutMs, ...given };
    const queue = new Queue<DeliveryJobData>(name, { connection, prefix: this.options.prefix });
    const dead = new Queue<DeadLetter>(`${name}.dead-letter`, { connection, prefix: this.options.prefix });
    for (const q of [queue, dead]) q.on('error', (error) => this.logger.warn(`Queue ${q.name}: ${error.message}`));
    return { queue, dead, concurrency, batcher: new JobBatcher(queue as Queue, this.options.maxBatch) };
  }

  private laneFor(handler: string): Lane {
    return this.lanes.get(handler) ?? this.shared;
  }

  private allLanes(): Lane[] {
    return [this.shared, ...this.lanes.values()];
  }

  private running(event: DomainEvent): DeliveryHost {
    if (this.host && !this.closed) return this.host;
    const cause = new Error(this.closed ? closedMessage : notStartedMessage);
    throw new EventDeliveryUnavailableError('BullMQ', event.type, event.id, { cause });
  }

  private async warnUnlessNoEviction(): Promise<void> {
    try {
      const [, policy] = (await this.redis.config('GET', 'maxmemory-policy')) as [string, string];
      if (policy && policy !== 'noeviction') this.logger.warn(evictionPolicyMessage(policy));
    } catch {
      // Managed Redis often disables CONFIG; nothing to check then.
    }
  }
}
