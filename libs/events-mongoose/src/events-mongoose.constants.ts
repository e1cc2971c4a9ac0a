/** The collection the seed's design names for the event log. */
export const EVENTS_LOG_COLLECTION = 'events_log';

/**
 * The model name to register the schema under. Pass it to `getModelToken(EVENT_LOG_MODEL, connectionName?)` to inject
 * the model. Kept as a literal, not `EventLogRecord.name`, so minifying the class cannot change the token.
 */
export const EVENT_LOG_MODEL = 'EventLogRecord';

/** MongoDB's error code for a unique-index violation, here a second copy of an event id. */
export const DUPLICATE_KEY_ERROR_CODE = 11000;

/** Events fetched per round trip by `replay` when the caller does not choose. */
export const DEFAULT_REPLAY_BATCH_SIZE = 500;
