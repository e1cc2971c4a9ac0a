import { describeValue, invalidTransactionMessage } from '../postgres.messages.js';

/**
 * `append`/`appendMany` got an `options.transaction` that is not a pg client. Thrown before any query, so
 * nothing was appended inside or outside the caller's transaction.
 */
export class InvalidTransactionError extends Error {
  override readonly name = 'InvalidTransactionError';

  constructor(
    readonly operation: string,
    readonly transaction: unknown,
  ) {
    super(invalidTransactionMessage(operation, describeValue(transaction)));
  }
}
