/**
 * `RabbitMqTransport.start` could not connect to the broker (`stage: 'connect'`) or declare this service's topology
 * and start consuming (`stage: 'topology'`), so the application's bootstrap fails. `cause` holds the client's error.
 */
export class RabbitMqStartError extends Error {
  override readonly name = 'RabbitMqStartError';

  constructor(
    readonly stage: 'connect' | 'topology',
    message: string,
    options: { cause: unknown },
  ) {
    super(message, options);
  }
}
