import { didYouMean } from '@webnovel/events/internal';

export const unknownOptionProblem = (key: string, known: readonly string[]): string =>
  `"${key}" is not a RabbitMqTransport option${didYouMean(key, known)}`;

export const notStartedMessage =
  'RabbitMqTransport has not started; the EventsModule it is given to (transport: { adapter }) starts it at bootstrap.';

export const closedMessage = 'RabbitMqTransport has been closed with its application; publish from a running one.';

export const notConnectedMessage = (host: string): string =>
  `RabbitMQ at ${host} is not connected; the transport reconnects in the background.`;

export const publishTimeoutMessage = (timeoutMs: number): string =>
  `RabbitMQ did not confirm the publish within ${timeoutMs} ms (publishTimeoutMs).`;

export const connectFailedMessage = (host: string, timeoutMs: number, cause: string): string =>
  `Could not connect to RabbitMQ at ${host} within ${timeoutMs} ms (connectTimeoutMs): ${cause}. ` +
  `Check the url option (host, port, credentials, vhost) and that the broker is running.`;

export const topologyFailedMessage = (queue: string, cause: string): string =>
  `Could not declare the RabbitMQ topology of queue "${queue}": ${cause}. If the queue exists with other arguments ` +
  `(such as another x-queue-type or x-delivery-limit), delete it or use a new queuePrefix: RabbitMQ never changes the ` +
  `arguments of an existing queue.`;

export const redeclareFailedMessage = (cause: string): string =>
  `Could not redeclare the RabbitMQ topology after a reconnect: ${cause}. It is retried at the next reconnect.`;

export const deadLetterFailedMessage = (queue: string, cause: string): string =>
  `Could not move an undecodable message to ${queue}: ${cause}. It stays on the service queue and is tried again.`;

export const connectionErrorMessage = (cause: string): string => `RabbitMQ connection error (it reconnects by itself): ${cause}`;

export const operationTimeoutMessage = (operation: string, timeoutMs: number): string =>
  `RabbitMQ did not answer ${operation} within ${timeoutMs} ms (operationTimeoutMs).`;
