import type { DeadLetter, DeadLetterFilter, DeadLetterPage, DeadLetterQueue } from '../interfaces/dead-letter.interface.js';
import { compareDeadLetters, matchesDeadLetterFilter } from './dead-letter.query.js';

/**
 * The embedded driver's dead-letter queue: a map in this process. Not durable; a restart empties it. `resubmit`
 * hands a pair back to the driver with fresh attempts.
 */
export class InMemoryDeadLetterQueue implements DeadLetterQueue {
  private readonly letters = new Map<string, DeadLetter>();

  constructor(private readonly resubmit: (letter: DeadLetter) => Promise<void>) {}

  get size(): number {
    return this.letters.size;
  }

  /** Stores a dead letter; one for the same pair replaces the older one. */
  add(letter: DeadLetter): void {
    this.letters.set(letter.id, letter);
  }

  list(filter: DeadLetterFilter, page: { limit: number; offset: number }): Promise<DeadLetterPage> {
    const matching = this.matching(filter);
    return Promise.resolve({ items: matching.slice(page.offset, page.offset + page.limit), total: matching.length });
  }

  get(id: string): Promise<DeadLetter | undefined> {
    return Promise.resolve(this.letters.get(id));
  }

  async reprocess(id: string): Promise<boolean> {
    const letter = this.letters.get(id);
    if (letter === undefined) return false;
    // Resubmitting only schedules the run, so no fresh dead letter for this pair can exist yet.
    await this.resubmit(letter);
    this.letters.delete(id);
    return true;
  }

  remove(id: string): Promise<boolean> {
    return Promise.resolve(this.letters.delete(id));
  }

  ids(filter: DeadLetterFilter): Promise<string[]> {
    return Promise.resolve(this.matching(filter).map((l) => l.id));
  }

  private matching(filter: DeadLetterFilter): DeadLetter[] {
    return [...this.letters.values()].filter((l) => matchesDeadLetterFilter(l, filter)).sort(compareDeadLetters);
  }
}
