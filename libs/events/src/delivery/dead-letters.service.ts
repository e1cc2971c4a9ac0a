import { Inject, Injectable } from '@nestjs/common';
import { InvalidDeadLetterQueryError } from '../errors/dead-letter.error.js';
import { reviveEvent } from '../event/event.reviver.js';
import { EVENT_DELIVERY, RESOLVED_EVENTS_OPTIONS } from '../events.constants.js';
import { describeError } from '../events.messages.js';
import type {
  DeadLetter,
  DeadLetterFilter,
  DeadLetterPage,
  DeadLetterPageRequest,
  DeadLetterQueue,
  DeliveryQueueCounts,
} from '../interfaces/dead-letter.interface.js';
import type { EventDelivery } from '../interfaces/event-delivery.interface.js';
import type { ResolvedEventsOptions } from '../options/events-options.resolver.js';
import { combineDeadLetterQueues } from './composite-dead-letter.queue.js';
import { DEFAULT_DEAD_LETTER_PAGE, deadLetterQueryProblems } from './dead-letter.query.js';
import { DELIVERY_PAIR_ID_PATTERN } from './delivery-pair.js';

/** What a bulk reprocess did: ids handed back to their handler, and those that could not be, with why. */
export interface BulkReprocessResult {
  readonly reprocessed: readonly string[];
  readonly failed: readonly { readonly id: string; readonly error: string }[];
}

/**
 * The operator's view of the dead letters, whichever driver runs: the delivery driver's and, with a transport, the
 * broker's (messages that could not be decoded or kept failing). List, inspect, reprocess, delete and purge, plus
 * queue counts. Validates every argument before touching a queue.
 */
@Injectable()
export class DeadLetters {
  private readonly queue: DeadLetterQueue;

  constructor(
    @Inject(EVENT_DELIVERY) private readonly delivery: EventDelivery,
    @Inject(RESOLVED_EVENTS_OPTIONS) private readonly options: ResolvedEventsOptions,
  ) {
    const transport = options.transport?.adapter;
    this.queue = combineDeadLetterQueues(transport?.deadLetters ? [delivery.deadLetters, transport.deadLetters] : [delivery.deadLetters]);
  }

  /**
   * Dead letters newest first, each event's payload an instance of its catalog class.
   * @throws InvalidDeadLetterQueryError naming each bad field
   */
  async list(filter: DeadLetterFilter = {}, page: DeadLetterPageRequest = {}): Promise<DeadLetterPage> {
    this.check(deadLetterQueryProblems(filter, page));
    const found = await this.queue.list(filter, { limit: page.limit ?? DEFAULT_DEAD_LETTER_PAGE, offset: page.offset ?? 0 });
    return { ...found, items: found.items.map((letter) => this.revive(letter)) };
  }

  /** One dead letter, its event's payload an instance of its catalog class. */
  async get(id: string): Promise<DeadLetter | undefined> {
    this.checkId(id);
    const letter = await this.queue.get(id);
    return letter && this.revive(letter);
  }

  /**
   * Re-enqueues the pair with fresh attempts, then removes the dead letter. Resolves false when it does not exist.
   * @throws DeadLetterHandlerMissingError when this application lacks the handler; the dead letter is kept
   */
  async reprocess(id: string): Promise<boolean> {
    this.checkId(id);
    return this.queue.reprocess(id);
  }

  /** Reprocesses every match, one at a time; one that fails is reported and kept, and the rest go on. */
  async reprocessMatching(filter: DeadLetterFilter): Promise<BulkReprocessResult> {
    this.check(deadLetterQueryProblems(filter));
    const reprocessed: string[] = [];
    const failed: { id: string; error: string }[] = [];
    for (const id of await this.queue.ids(filter)) {
      try {
        if (await this.queue.reprocess(id)) reprocessed.push(id);
      } catch (error) {
        failed.push({ id, error: describeError(error) });
      }
    }
    return { reprocessed, failed };
  }

  /** Deletes one dead letter without running it. Resolves false when it did not exist. */
  async remove(id: string): Promise<boolean> {
    this.checkId(id);
    return this.queue.remove(id);
  }

  /** Deletes every match without running it; resolves with how many were deleted. */
  async purge(filter: DeadLetterFilter): Promise<number> {
    this.check(deadLetterQueryProblems(filter));
    let removed = 0;
    for (const id of await this.queue.ids(filter)) if (await this.queue.remove(id)) removed++;
    return removed;
  }

  /**
   * Jobs per state in each of the driver's queues, with the dead-letter count; with a transport, also a row per broker
   * queue it consumes: its ready messages as `waiting`, its dead-letter queue's as `dead`.
   */
  async counts(): Promise<DeliveryQueueCounts[]> {
    const transport = this.options.transport?.adapter;
    const [driver, depths] = await Promise.all([this.delivery.counts(), transport?.depths?.() ?? []]);
    return [
      ...driver,
      ...depths.map((d) => ({ queue: d.queue, waiting: d.messages, active: 0, delayed: 0, failed: 0, dead: d.deadLetters })),
    ];
  }

  /** Queues keep events as JSON; an event that no longer revives (its type left the catalog) is shown as kept. */
  private revive(letter: DeadLetter): DeadLetter {
    try {
      const event = reviveEvent(letter.event, this.options.catalog);
      return event === letter.event ? letter : { ...letter, event };
    } catch {
      return letter;
    }
  }

  private checkId(id: string): void {
    if (typeof id !== 'string' || !DELIVERY_PAIR_ID_PATTERN.test(id))
      this.check(['id must be a dead-letter id: "<event id>.<handler name>"']);
  }

  private check(problems: string[]): void {
    if (problems.length > 0) throw new InvalidDeadLetterQueryError(problems);
  }
}
