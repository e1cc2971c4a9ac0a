import type { DeadLetter, DeadLetterFilter, DeadLetterPage, DeadLetterQueue } from '../interfaces/dead-letter.interface.js';
import { compareDeadLetters } from './dead-letter.query.js';

/**
 * The dead letters of several queues as one, newest first: the delivery driver's (handlers that gave up) and the
 * transport's (messages that could not be decoded or kept failing). A single queue passes through unchanged.
 */
export function combineDeadLetterQueues(queues: readonly DeadLetterQueue[]): DeadLetterQueue {
  return queues.length === 1 ? queues[0]! : new CompositeDeadLetterQueue(queues);
}

class CompositeDeadLetterQueue implements DeadLetterQueue {
  constructor(private readonly queues: readonly DeadLetterQueue[]) {}

  async list(filter: DeadLetterFilter, page: { limit: number; offset: number }): Promise<DeadLetterPage> {
    // Any letter of the requested page is within the first offset + limit of its own queue.
    const head = { limit: page.offset + page.limit, offset: 0 };
    const pages = await Promise.all(this.queues.map((queue) => queue.list(filter, head)));
    const merged = pages.flatMap((p) => p.items).sort(compareDeadLetters);
    return { items: merged.slice(page.offset, page.offset + page.limit), total: pages.reduce((sum, p) => sum + p.total, 0) };
  }

  async get(id: string): Promise<DeadLetter | undefined> {
    for (const queue of this.queues) {
      const letter = await queue.get(id);
      if (letter !== undefined) return letter;
    }
    return undefined;
  }

  async reprocess(id: string): Promise<boolean> {
    for (const queue of this.queues) if (await queue.reprocess(id)) return true;
    return false;
  }

  async remove(id: string): Promise<boolean> {
    for (const queue of this.queues) if (await queue.remove(id)) return true;
    return false;
  }

  async ids(filter: DeadLetterFilter): Promise<string[]> {
    return (await Promise.all(this.queues.map((queue) => queue.ids(filter)))).flat();
  }
}
