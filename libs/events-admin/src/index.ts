// Public API of @webnovel/events-admin: the opt-in, fail-closed admin HTTP API for @webnovel/events. The module
// definition internals, the controllers, DTOs and the access guard that picks between API keys and the app's guard stay private.
export { EventsAdminModule } from './events-admin.module.js';
export { EVENTS_ADMIN_MODULE_OPTIONS } from './events-admin.module-definition.js';
export {
  eventsAdminOptionsProblems,
  eventsAdminAsyncOptionsProblems,
  type EventsAdminOptions,
  type EventsAdminRouteOptions,
  type EventsAdminModuleOptions,
  type EventsAdminModuleAsyncOptions,
  type EventsAdminOptionsFactory,
} from './events-admin.options.js';
export { DEFAULT_EVENTS_ADMIN_PATH, DEFAULT_API_KEY_HEADER, MIN_API_KEY_LENGTH } from './events-admin.constants.js';
export { ApiKeyGuard, type ApiKeyGuardOptions } from './guards/api-key.guard.js';
export type { DeadLetterListView } from './controllers/dead-letters.controller.js';
export { InvalidEventsAdminOptionsError } from './errors/invalid-events-admin-options.error.js';
