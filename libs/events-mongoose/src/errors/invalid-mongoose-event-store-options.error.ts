import { invalidStoreOptionsMessage } from '../events-mongoose.messages.js';

/** `new MongooseEventStore(model, options)` got a model or options it cannot work with. Lists every problem at once. */
export class InvalidMongooseEventStoreOptionsError extends Error {
  override readonly name = 'InvalidMongooseEventStoreOptionsError';

  constructor(readonly problems: readonly string[]) {
    super(invalidStoreOptionsMessage(problems));
  }
}
