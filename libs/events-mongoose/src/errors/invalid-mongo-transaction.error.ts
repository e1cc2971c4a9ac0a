import { describeValue, invalidTransactionMessage } from '../events-mongoose.messages.js';

/** `append`/`appendMany` got a `transaction` that is not a ClientSession in an active transaction. Nothing was appended. */
export class InvalidMongoTransactionError extends Error {
  override readonly name = 'InvalidMongoTransactionError';

  constructor(readonly transaction: unknown) {
    super(invalidTransactionMessage(describeValue(transaction)));
  }
}
