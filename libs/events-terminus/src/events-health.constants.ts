/** Route of the readiness check when `path` is not set; liveness is `<path>/live`. */
export const DEFAULT_HEALTH_PATH = 'health';

/** Longest ping timeout accepted: orchestrators give a probe a few seconds, so anything near a minute is a mistake. */
export const MAX_HEALTH_TIMEOUT_MS = 60_000;

/** Longest route accepted; longer ones are far more likely a mistake than a design. */
export const MAX_HEALTH_PATH_LENGTH = 200;

/** Indicator key of the bus's readiness in health responses, unless the caller names it. */
export const READINESS_KEY = 'events';

/** Indicator key of the delivery driver's backend (Redis for BullMQ). */
export const DELIVERY_KEY = 'event_delivery';

/** Indicator key of the event store. */
export const STORE_KEY = 'event_store';

/** Indicator key of the message broker (RabbitMQ for `@webnovel/events-rabbitmq`). */
export const TRANSPORT_KEY = 'event_transport';

/** Token of the validated, defaulted options. Internal. */
export const RESOLVED_EVENTS_HEALTH_OPTIONS = Symbol('webnovel:events-terminus:resolved_options');

/** Token of what `forRoot`/`forRootAsync` was called with, beyond the options token. Internal. */
export const EVENTS_HEALTH_SETUP = Symbol('webnovel:events-terminus:setup');
