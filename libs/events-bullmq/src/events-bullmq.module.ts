import { Module } from '@nestjs/common';
import { getSharedConfigToken } from '@nestjs/bullmq';
import type { QueueOptions } from 'bullmq';
import { BullMqDelivery } from './bullmq.delivery.js';
import type { BullMqDeliveryOptions } from './bullmq-delivery.options.js';
import {
  EVENTS_BULLMQ_MODULE_OPTIONS,
  EventsBullMqConfigurableModule,
  type EventsBullMqModuleOptions,
} from './events-bullmq.module-definition.js';

/**
 * Provides a `BullMqDelivery` to hand to `EventsModule`. Without a `connection` option it reuses the connection of
 * `BullModule.forRoot` from `@nestjs/bullmq`, so an app that already configured BullMQ configures Redis once.
 *
 * @example
 * ```ts
 * EventsModule.forRootAsync({
 *   imports: [EventsBullMqModule.forRoot({ queueName: 'user-service.events' })],
 *   inject: [BullMqDelivery],
 *   useFactory: (delivery: BullMqDelivery) => ({ source: 'user-service', catalog: webNovelCatalog, upcasters: webNovelUpcasters, delivery }),
 * })
 * ```
 */
@Module({
  providers: [
    {
      provide: BullMqDelivery,
      useFactory: (options: EventsBullMqModuleOptions, shared: QueueOptions | undefined) =>
        new BullMqDelivery({ ...options, connection: options.connection ?? shared?.connection } as BullMqDeliveryOptions),
      inject: [EVENTS_BULLMQ_MODULE_OPTIONS, { token: getSharedConfigToken(), optional: true }],
    },
  ],
  exports: [BullMqDelivery],
})
export class EventsBullMqModule extends EventsBullMqConfigurableModule {}
