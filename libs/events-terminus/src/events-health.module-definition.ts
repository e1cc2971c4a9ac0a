import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { EventsHealthOptions, EventsHealthRouteOptions } from './events-health.options.js';

export const { ConfigurableModuleClass: EventsHealthConfigurableModule, MODULE_OPTIONS_TOKEN: EVENTS_HEALTH_MODULE_OPTIONS } =
  new ConfigurableModuleBuilder<EventsHealthOptions>()
    .setClassMethodName('forRoot')
    .setFactoryMethodName('createEventsHealthOptions')
    // The route options are extras, not options: they decide what is mounted, which happens before an async factory
    // runs. Listing them (even as undefined) keeps them out of the options token; EventsHealthModule assembles the rest.
    .setExtras<EventsHealthRouteOptions>({ path: undefined, controller: undefined, isGlobal: false }, (definition, extras) => ({
      ...definition,
      global: extras.isGlobal === true,
    }))
    .build();
