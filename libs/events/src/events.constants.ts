/** Reflect metadata key under which `@OnDomainEvent` stores its (stackable) handler records. */
export const DOMAIN_EVENT_HANDLER_METADATA = 'webnovel:events:handler_metadata';

/** Token of the validated, defaulted module options. Internal. */
export const RESOLVED_EVENTS_OPTIONS = Symbol('webnovel:events:resolved_options');

/** Token of the async delivery port. Internal. */
export const EVENT_DELIVERY = Symbol('webnovel:events:delivery');

/** Logger context used by every class of the module. */
export const EVENTS_LOGGER_CONTEXT = 'EventsModule';

/** Handler names become BullMQ job ids and queue names later; `:` is forbidden there. */
export const HANDLER_NAME_PATTERN = /^[A-Za-z0-9_.-]{1,200}$/;

/** A type is dot-separated segments of lower-case letters, digits and underscores. */
export const EVENT_TYPE_PATTERN = /^[a-z0-9_]+(\.[a-z0-9_]+)*$/;
