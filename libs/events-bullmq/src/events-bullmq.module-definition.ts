import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { BullMqDeliveryOptions } from './bullmq-delivery.options.js';

/**
 * `BullMqDeliveryOptions`, with `connection` optional: without it, `BullModule.forRoot`'s connection is used (and
 * without `prefix`, its prefix).
 */
export type EventsBullMqModuleOptions = Omit<BullMqDeliveryOptions, 'connection'> & Partial<Pick<BullMqDeliveryOptions, 'connection'>>;

export const {
  ConfigurableModuleClass: EventsBullMqConfigurableModule,
  MODULE_OPTIONS_TOKEN: EVENTS_BULLMQ_MODULE_OPTIONS,
  OPTIONS_TYPE: EVENTS_BULLMQ_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: EVENTS_BULLMQ_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<EventsBullMqModuleOptions>()
  .setClassMethodName('forRoot')
  .setFactoryMethodName('createEventsBullMqOptions')
  .build();
