import { Inject, Injectable } from '@nestjs/common';
import { InvalidDeadLetterQueryError } from '../errors/dead-letter.error.js';
import { EVENT_DELIVERY } from '../events.constants.js';
import { describeError } from '../events.messages.js';
import type {
  DeadLetter,
  DeadLetterFilter,
  DeadLetterPage,
  DeadLetterPageRequest,
  DeliveryQueueCounts,
} from '../interfaces/dead-letter.interface.js';
import type { EventDelivery } from '../interfaces/event-delivery.interface.js';
import { DEFAULT_DEAD_LETTER_PAGE, deadLetterQueryProblems } from './dead-letter.query.js';
import { DELIVERY_PAIR_ID_PATTERN } from './delivery-pair.js';

/** What a bulk reprocess did: ids handed back to their handler, and those that could not be, with why. */
export interface BulkReprocessResult {
  readonly reprocessed: readonly string[];
  readonly failed: readonly { readonly id: string; readonly error: string }[];
}

/**
 * The operator's view of the delivery driver's dead-letter queue, whichever driver runs: list, inspect, reprocess,
 * delete and purge, plus queue counts. Validates every argument before touching the queue.
 */
@Injectable()
export class DeadLetters {
  constructor(@Inject(EVENT_DELIVERY) private readonly delivery: EventDelivery) {}

  /** @throws InvalidDeadLetterQueryError naming each bad field */
  async list(filter: DeadLetterFilter = {}, page: DeadLetterPageRequest = {}): Promise<DeadLetterPage> {
    this.check(deadLetterQueryProblems(filter, page));
    return await this.delivery.deadLetters.list(filter, { limit: page.limit ?? DEFAULT_DEAD_LETTER_PAGE, offset: page.offset ?? 0 });
  }

  async get(id: string): Promise<DeadLetter | undefined> {
    this.checkId(id);
    return this.delivery.deadLetters.get(id);
  }

  /**
   * Re-enqueues the pair with fresh attempts, then removes the dead letter. Resolves false when it does not exist.
   * @throws DeadLetterHandlerMissingError when this application lacks the handler; the dead letter is kept
   */
  async reprocess(id: string): Promise<boolean> {
    this.checkId(id);
    return this.delivery.deadLetters.reprocess(id);
  }

  /** Reprocesses every match, one at a time; one that fails is reported and kept, and the rest go on. */
  async reprocessMatching(filter: DeadLetterFilter): Promise<BulkReprocessResult> {
    this.check(deadLetterQueryProblems(filter));
    const reprocessed: string[] = [];
    const failed: { id: string; error: string }[] = [];
    for (const id of await this.delivery.deadLetters.ids(filter)) {
      try {
        if (await this.delivery.deadLetters.reprocess(id)) reprocessed.push(id);
      } catch (error) {
        failed.push({ id, error: describeError(error) });
      }
    }
    return { reprocessed, failed };
  }

  /** Deletes one dead letter without running it. Resolves false when it did not exist. */
  async remove(id: string): Promise<boolean> {
    this.checkId(id);
    return this.delivery.deadLetters.remove(id);
  }

  /** Deletes every match without running it; resolves with how many were deleted. */
  async purge(filter: DeadLetterFilter): Promise<number> {
    this.check(deadLetterQueryProblems(filter));
    let removed = 0;
    for (const id of await this.delivery.deadLetters.ids(filter)) if (await this.delivery.deadLetters.remove(id)) removed++;
    return removed;
  }

  /** Jobs per state in each of the driver's queues, with the dead-letter count. */
  counts(): Promise<DeliveryQueueCounts[]> {
    return this.delivery.counts();
  }

  private checkId(id: string): void {
    if (typeof id !== 'string' || !DELIVERY_PAIR_ID_PATTERN.test(id))
      this.check(['id must be a dead-letter id: "<event id>.<handler name>"']);
  }

  private check(problems: string[]): void {
    if (problems.length > 0) throw new InvalidDeadLetterQueryError(problems);
  }
}
