import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { EventsModuleOptions } from './interfaces/events-module-options.interface.js';

export const {
  ConfigurableModuleClass: EventsConfigurableModule,
  MODULE_OPTIONS_TOKEN: EVENTS_MODULE_OPTIONS,
  OPTIONS_TYPE: EVENTS_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: EVENTS_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<EventsModuleOptions>()
  .setClassMethodName('forRoot')
  .setFactoryMethodName('createEventsOptions')
  // Global by default: handlers in any module, one bus per application.
  .setExtras({ isGlobal: true }, (definition, extras) => ({ ...definition, global: extras.isGlobal }))
  .build();
