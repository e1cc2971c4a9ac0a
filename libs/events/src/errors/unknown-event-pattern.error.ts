import { unknownEventPatternMessage } from '../events.messages.js';

/** A handler pattern that no catalog type matches, with the known types closest to it. */
export interface UncoveredPattern {
  readonly handler: string;
  readonly origin: string;
  readonly pattern: string;
  /** Up to three catalog types closest to the pattern, closest first. */
  readonly nearest: readonly string[];
}

/**
 * With a catalog and `unknownEvents: 'reject'`, a handler subscribes to a pattern that matches no type the catalog
 * knows: a typo such as `book.purchase`, which would otherwise boot and never fire. Bootstrap (or `subscribe`) fails.
 */
export class UnknownEventPatternError extends Error {
  override readonly name = 'UnknownEventPatternError';

  constructor(readonly patterns: readonly UncoveredPattern[]) {
    super(unknownEventPatternMessage(patterns));
  }
}
