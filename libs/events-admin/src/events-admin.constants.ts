/** Route prefix of the admin API when `path` is not set. */
export const DEFAULT_EVENTS_ADMIN_PATH = 'admin/events';

/** Request header that carries the API key when `apiKeyHeader` is not set. */
export const DEFAULT_API_KEY_HEADER = 'x-api-key';

/** Shortest API key accepted: 16 random characters are out of reach of online guessing; short ones are usually typos or placeholders. */
export const MIN_API_KEY_LENGTH = 16;

/** Longest route prefix accepted; longer ones are far more likely a mistake than a design. */
export const MAX_EVENTS_ADMIN_PATH_LENGTH = 200;

/** Logger context of every line this lib logs. */
export const EVENTS_ADMIN_LOGGER_CONTEXT = 'EventsAdminModule';

/** Token of the validated, defaulted options. Internal. */
export const RESOLVED_EVENTS_ADMIN_OPTIONS = Symbol('webnovel:events-admin:resolved_options');

/** Token of what `forRoot`/`forRootAsync` was called with, beyond the options token. Internal. */
export const EVENTS_ADMIN_SETUP = Symbol('webnovel:events-admin:setup');

/** Token of the instance of the app's own guard (`guard` option), or null. Internal. */
export const EVENTS_ADMIN_CUSTOM_GUARD = Symbol('webnovel:events-admin:custom_guard');
