// Public API of @webnovel/events-terminus: @nestjs/terminus health checks for @webnovel/events. The module definition
// internals and the controller stay private.
export { EventsHealthModule } from './events-health.module.js';
export { EventsHealthIndicator } from './events-health.indicator.js';
export { EVENTS_HEALTH_MODULE_OPTIONS } from './events-health.module-definition.js';
export {
  eventsHealthOptionsProblems,
  eventsHealthAsyncOptionsProblems,
  type EventsHealthOptions,
  type EventsHealthRouteOptions,
  type EventsHealthModuleOptions,
  type EventsHealthModuleAsyncOptions,
  type EventsHealthOptionsFactory,
} from './events-health.options.js';
export { DEFAULT_HEALTH_PATH, MAX_HEALTH_TIMEOUT_MS, READINESS_KEY, DELIVERY_KEY, STORE_KEY } from './events-health.constants.js';
export { InvalidEventsHealthOptionsError } from './errors/invalid-events-health-options.error.js';
