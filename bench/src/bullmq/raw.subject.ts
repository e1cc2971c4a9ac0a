import { type DomainEvent } from '@webnovel/events';
import { deliveryPairId } from '@webnovel/events/internal';
import { Queue, Worker, type RedisOptions } from 'bullmq';
import { CompletionCounter } from '../support/completion-counter.js';
import { runWindowed } from '../support/load.js';
import { EVENTS_IN_FLIGHT, JOBS_PER_BULK, QUEUE_NAME, WORKER_CONCURRENCY, handlerNames, type DeliverySubject } from './delivery.subject.js';

export interface RawOptions {
  readonly connection: RedisOptions;
  readonly prefix: string;
  readonly handlers: 1 | 5;
}

interface RawJob {
  readonly name: string;
  readonly data: { readonly event: unknown; readonly handler: string };
  readonly opts: { readonly jobId: string; readonly removeOnComplete: true };
}

/**
 * The anchor: what a hand-rolled BullMQ user writes. One `Queue` and one `Worker` (concurrency 100) whose processor
 * only counts, one job per (event, handler) carrying the same JSON as our jobs, with a custom `jobId` and
 * `removeOnComplete: true`. Throughput rounds `addBulk` 500 jobs at a time with as many events in flight as ours;
 * a single send is `queue.add` (or one `addBulk` for several handlers). No Nest, no bus, no inbox, no retries.
 */
export async function startRaw({ connection, prefix, handlers }: RawOptions): Promise<DeliverySubject> {
  const counter = new CompletionCounter();
  const names = handlerNames(handlers);
  const queue = new Queue(QUEUE_NAME, { connection, prefix });
  const worker = new Worker(
    QUEUE_NAME,
    async () => {
      counter.hit();
    },
    { connection, prefix, concurrency: WORKER_CONCURRENCY },
  );
  const close = async (): Promise<void> => {
    await worker.close();
    await queue.close();
  };
  try {
    await Promise.all([queue.waitUntilReady(), worker.waitUntilReady()]);
  } catch (error) {
    await close();
    throw error;
  }

  // Built inside the clock, as ours are: the event's JSON form (occurredAt as ISO), per handler.
  const jobsOf = (event: DomainEvent): RawJob[] => {
    const serialized = { ...event, occurredAt: event.occurredAt.toISOString() };
    return names.map((handler) => ({
      name: handler,
      data: { event: serialized, handler },
      opts: { jobId: deliveryPairId(event.id, handler), removeOnComplete: true },
    }));
  };
  const eventsPerBulk = Math.max(1, Math.floor(JOBS_PER_BULK / handlers));
  return {
    handlers,
    counter,
    sendAll: (events) => {
      const bulks = Math.ceil(events.length / eventsPerBulk);
      return runWindowed(bulks, Math.max(1, Math.floor(EVENTS_IN_FLIGHT / eventsPerBulk)), (b) =>
        queue.addBulk(events.slice(b * eventsPerBulk, (b + 1) * eventsPerBulk).flatMap(jobsOf)),
      );
    },
    sendOne: async (event) => {
      const jobs = jobsOf(event);
      if (jobs.length === 1) await queue.add(jobs[0]!.name, jobs[0]!.data, jobs[0]!.opts);
      else await queue.addBulk(jobs);
    },
    close: async () => {
      await close();
      counter.verify();
    },
  };
}
