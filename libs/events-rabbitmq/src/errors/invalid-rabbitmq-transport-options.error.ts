import { invalidOptionsMessage } from '@webnovel/events/internal';

/** `RabbitMqTransport` got options it cannot run with; `problems` names each one and how to fix it. */
export class InvalidRabbitMqTransportOptionsError extends Error {
  override readonly name = 'InvalidRabbitMqTransportOptionsError';

  constructor(readonly problems: readonly string[]) {
    super(invalidOptionsMessage('RabbitMqTransport', problems));
  }
}
