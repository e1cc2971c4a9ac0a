// Public API of @webnovel/events-rabbitmq: the transport, its module, its options and error, and the names it uses on
// the broker (topology and headers) for operators and consumers written in other languages.
export { RabbitMqTransport } from './rabbitmq.transport.js';
export type { RabbitMqTransportOptions } from './rabbitmq-transport.options.js';
export { bindingKeyOf, rabbitMqTopology, type RabbitMqTopology } from './rabbitmq.topology.js';
export { HEADER as RABBITMQ_HEADERS } from './rabbitmq.message.js';
export { InvalidRabbitMqTransportOptionsError } from './errors/invalid-rabbitmq-transport-options.error.js';
export { RabbitMqStartError } from './errors/rabbitmq-start.error.js';
export { EventsRabbitMqModule } from './events-rabbitmq.module.js';
export {
  EVENTS_RABBITMQ_MODULE_OPTIONS,
  EVENTS_RABBITMQ_OPTIONS_TYPE,
  EVENTS_RABBITMQ_ASYNC_OPTIONS_TYPE,
} from './events-rabbitmq.module-definition.js';
