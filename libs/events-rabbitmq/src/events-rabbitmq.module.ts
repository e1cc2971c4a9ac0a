import { Module } from '@nestjs/common';
import { RabbitMqTransport } from './rabbitmq.transport.js';
import type { RabbitMqTransportOptions } from './rabbitmq-transport.options.js';
import { EVENTS_RABBITMQ_MODULE_OPTIONS, EventsRabbitMqConfigurableModule } from './events-rabbitmq.module-definition.js';

/**
 * Provides a `RabbitMqTransport` to hand to `EventsModule` (`transport: { adapter }`). The options are validated when
 * the module is created; the bus starts the transport at bootstrap and closes it at shutdown. Each module instance
 * gets its own transport and connection.
 *
 * @example
 * ```ts
 * EventsModule.forRootAsync({
 *   imports: [EventsRabbitMqModule.forRoot({ url: 'amqp://guest:guest@localhost:5672' })],
 *   inject: [RabbitMqTransport],
 *   useFactory: (adapter: RabbitMqTransport) => ({ source: 'user-service', catalog, transport: { adapter, mode: 'remote' } }),
 * })
 * ```
 */
@Module({
  providers: [
    {
      provide: RabbitMqTransport,
      useFactory: (options: RabbitMqTransportOptions & { isGlobal?: boolean }) => {
        const { isGlobal: _isGlobal, ...transportOptions } = options;
        return new RabbitMqTransport(transportOptions);
      },
      inject: [EVENTS_RABBITMQ_MODULE_OPTIONS],
    },
  ],
  exports: [RabbitMqTransport],
})
export class EventsRabbitMqModule extends EventsRabbitMqConfigurableModule {}
