import { type DeadLetter, type DeadLetterFilter, type DeadLetterPage, type DeadLetterQueue } from '@webnovel/events';
import { compareDeadLetters, matchesDeadLetterFilter } from '@webnovel/events/internal';
import type { Job, Queue } from 'bullmq';

/** Dead letters wait in a paused queue with no worker; a job's data is the dead letter, its id the pair id. */
const DEAD_STATES = ['waiting'] as const;
/** Jobs read per Redis call while scanning. */
const SCAN_PAGE = 1000;

/**
 * The dead letters of every work queue, one BullMQ queue each (`<queue>.dead-letter`). Listing scans them, which is
 * fine for the small queues an operator works through; filters are applied in memory.
 */
export class BullMqDeadLetterQueue implements DeadLetterQueue {
  constructor(
    private readonly queues: readonly Queue[],
    private readonly resubmit: (letter: DeadLetter) => Promise<void>,
  ) {}

  /** Dead letters in one queue. */
  count(queue: Queue): Promise<number> {
    return queue.getJobCountByTypes(...DEAD_STATES);
  }

  async list(filter: DeadLetterFilter, page: { limit: number; offset: number }): Promise<DeadLetterPage> {
    const matching = await this.matching(filter);
    return { items: matching.slice(page.offset, page.offset + page.limit), total: matching.length };
  }

  async get(id: string): Promise<DeadLetter | undefined> {
    return (await this.find(id))?.data;
  }

  async reprocess(id: string): Promise<boolean> {
    const job = await this.find(id);
    if (job === undefined) return false;
    await this.resubmit(job.data);
    // Removed only once the pair is back in its work queue: a failed re-enqueue leaves the dead letter in place.
    await job.remove();
    return true;
  }

  async remove(id: string): Promise<boolean> {
    const job = await this.find(id);
    if (job === undefined) return false;
    await job.remove();
    return true;
  }

  async ids(filter: DeadLetterFilter): Promise<string[]> {
    return (await this.matching(filter)).map((l) => l.id);
  }

  private async find(id: string): Promise<Job<DeadLetter> | undefined> {
    for (const queue of this.queues) {
      const job = (await queue.getJob(id)) as Job<DeadLetter> | undefined;
      if (job) return job;
    }
    return undefined;
  }

  private async matching(filter: DeadLetterFilter): Promise<DeadLetter[]> {
    const out: DeadLetter[] = [];
    for (const queue of this.queues) {
      for (let start = 0; ; start += SCAN_PAGE) {
        const jobs = (await queue.getJobs([...DEAD_STATES], start, start + SCAN_PAGE - 1, true)) as Job<DeadLetter>[];
        for (const job of jobs) if (job?.data && matchesDeadLetterFilter(job.data, filter)) out.push(job.data);
        if (jobs.length < SCAN_PAGE) break;
      }
    }
    return out.sort(compareDeadLetters);
  }
}
