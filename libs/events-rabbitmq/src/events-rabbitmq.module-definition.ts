import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { RabbitMqTransportOptions } from './rabbitmq-transport.options.js';

export const {
  ConfigurableModuleClass: EventsRabbitMqConfigurableModule,
  MODULE_OPTIONS_TOKEN: EVENTS_RABBITMQ_MODULE_OPTIONS,
  OPTIONS_TYPE: EVENTS_RABBITMQ_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: EVENTS_RABBITMQ_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<RabbitMqTransportOptions>()
  .setClassMethodName('forRoot')
  .setFactoryMethodName('createEventsRabbitMqOptions')
  .setExtras({ isGlobal: false }, (definition, extras) => ({ ...definition, global: extras.isGlobal }))
  .build();
