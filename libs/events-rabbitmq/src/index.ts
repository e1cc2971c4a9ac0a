// Public API of @webnovel/events-rabbitmq.
export { RabbitMqTransport } from './rabbitmq.transport.js';
export { RabbitMqDeadLetterQueue } from './rabbitmq-dead-letter.queue.js';
export {
  resolveRabbitMqTransportOptions,
  type RabbitMqTransportOptions,
  type ResolvedRabbitMqTransportOptions,
} from './rabbitmq-transport.options.js';
export { bindingKeyOf, rabbitMqTopology, type RabbitMqTopology } from './rabbitmq.topology.js';
export { HEADER as RABBITMQ_HEADERS } from './rabbitmq.message.js';
export { InvalidRabbitMqTransportOptionsError } from './errors/invalid-rabbitmq-transport-options.error.js';
export { EventsRabbitMqModule } from './events-rabbitmq.module.js';
export {
  EVENTS_RABBITMQ_MODULE_OPTIONS,
  EVENTS_RABBITMQ_OPTIONS_TYPE,
  EVENTS_RABBITMQ_ASYNC_OPTIONS_TYPE,
} from './events-rabbitmq.module-definition.js';
