import { Module } from '@nestjs/common';
import { getSharedConfigToken } from '@nestjs/bullmq';
import type { QueueOptions } from 'bullmq';
import { BullMqDelivery } from './bullmq.delivery.js';
import {
  EVENTS_BULLMQ_MODULE_OPTIONS,
  EventsBullMqConfigurableModule,
  type EventsBullMqModuleOptions,
} from './events-bullmq.module-definition.js';
import { withSharedBullConfig } from './events-bullmq.shared-config.js';

/**
 * Provides a `BullMqDelivery` to hand to `EventsModule`. It reuses the `connection` and `prefix` of
 * `BullModule.forRoot` from `@nestjs/bullmq` when it is not given its own, so an app that already configured BullMQ
 * configures Redis once and finds every key under one prefix. Only the default configuration is read, not one
 * registered under a `configKey`.
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
        new BullMqDelivery(withSharedBullConfig(options, shared)),
      inject: [EVENTS_BULLMQ_MODULE_OPTIONS, { token: getSharedConfigToken(), optional: true }],
    },
  ],
  exports: [BullMqDelivery],
})
export class EventsBullMqModule extends EventsBullMqConfigurableModule {}
