import { invalidOptionsMessage } from '../events-bullmq.messages.js';

/** `BullMqDelivery` got options it cannot run with; `problems` names each one. */
export class InvalidBullMqDeliveryOptionsError extends Error {
  override readonly name = 'InvalidBullMqDeliveryOptionsError';

  constructor(readonly problems: readonly string[]) {
    super(invalidOptionsMessage(problems));
  }
}
