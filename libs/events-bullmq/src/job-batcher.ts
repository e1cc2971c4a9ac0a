import type { JobsOptions, Queue } from 'bullmq';
import type { DeliveryJobData } from './delivery-job.js';

export interface PendingJob {
  readonly name: string;
  readonly data: DeliveryJobData;
  readonly opts: JobsOptions;
}

interface Batch {
  readonly jobs: PendingJob[];
  readonly settled: Promise<void>;
}

/**
 * Coalesces the jobs of concurrent publishes into one `addBulk` per queue, flushed on the next turn of the event
 * loop or at `maxBatch` jobs, so a burst of publishes costs a few Redis round trips instead of one each.
 */
export class JobBatcher {
  private current: (Batch & { resolve(): void; reject(e: unknown): void }) | undefined;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly queue: Queue,
    private readonly maxBatch: number,
  ) {}

  /** Resolves once the job is in Redis; rejects with the driver's error if the batch it joined failed. */
  add(job: PendingJob): Promise<void> {
    const batch = this.current ?? this.open();
    batch.jobs.push(job);
    if (batch.jobs.length >= this.maxBatch) this.flush();
    return batch.settled;
  }

  /** Waits for every batch already handed to Redis. */
  async drain(): Promise<void> {
    this.flush();
    await Promise.allSettled([...this.inFlight]);
  }

  private open() {
    let resolve!: () => void;
    let reject!: (e: unknown) => void;
    const settled = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
    const batch = { jobs: [] as PendingJob[], settled, resolve, reject };
    this.current = batch;
    setImmediate(() => this.current === batch && this.flush());
    return batch;
  }

  private flush(): void {
    const batch = this.current;
    if (batch === undefined) return;
    this.current = undefined;
    // A lone job skips addBulk's pipeline, whose set-up costs more than the job at low rates.
    const [only] = batch.jobs;
    const added = batch.jobs.length === 1 ? this.queue.add(only!.name, only!.data, only!.opts) : this.queue.addBulk(batch.jobs);
    const sent = added.then(
      () => batch.resolve(),
      (error: unknown) => batch.reject(error),
    );
    this.inFlight.add(sent);
    void sent.finally(() => this.inFlight.delete(sent));
  }
}
