import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { EventsAdminOptions, EventsAdminRouteOptions } from './events-admin.options.js';

export const {
  ConfigurableModuleClass: EventsAdminConfigurableModule,
  MODULE_OPTIONS_TOKEN: EVENTS_ADMIN_MODULE_OPTIONS,
  OPTIONS_TYPE: EVENTS_ADMIN_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: EVENTS_ADMIN_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<EventsAdminOptions>()
  .setClassMethodName('forRoot')
  .setFactoryMethodName('createEventsAdminOptions')
  // `path` is an extra, not an option: it decides where routes are mounted, which happens before an async factory runs.
  // Listing it (even as undefined) keeps it out of the options token. EventsAdminModule assembles the rest itself.
  .setExtras<EventsAdminRouteOptions>({ path: undefined }, (definition) => definition)
  .build();
