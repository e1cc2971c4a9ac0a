/** One failed constraint on one field, as reported by validation errors. */
export interface Violation {
  /** Dotted path from the envelope, for example `data.amount` or `version`. */
  readonly path: string;
  /** The constraint that failed, for example `isInt`. */
  readonly constraint: string;
  /** A human-readable explanation. */
  readonly message: string;
}
