import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { EventsMetricsModuleExtras, EventsMetricsOptions } from './events-metrics.options.js';

export const {
  ConfigurableModuleClass: EventsMetricsConfigurableModule,
  MODULE_OPTIONS_TOKEN: EVENTS_METRICS_MODULE_OPTIONS,
  OPTIONS_TYPE: EVENTS_METRICS_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: EVENTS_METRICS_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<EventsMetricsOptions>()
  .setClassMethodName('forRoot')
  .setFactoryMethodName('createEventsMetricsOptions')
  // The extras decide how the module is assembled (routes, global), which happens before an async factory runs.
  // Listing them keeps them out of the options token; EventsMetricsModule assembles the definition itself.
  .setExtras<EventsMetricsModuleExtras>({ path: undefined, serve: undefined, isGlobal: undefined }, (definition) => definition)
  .build();
