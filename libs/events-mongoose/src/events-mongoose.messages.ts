// Every user-facing message of this package lives here so wording stays consistent and says how to fix the problem.

const list = (items: readonly string[]): string => items.map((item) => `  - ${item}`).join('\n');

export const invalidStoreOptionsMessage = (problems: readonly string[]): string =>
  `MongooseEventStore options are invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${list(problems)}`;

export const notAModelProblem = (got: string): string =>
  `model must be a Mongoose Model built from EventLogSchema (inject it with getModelToken(EVENT_LOG_MODEL)); got ${got}`;

export const foreignSchemaProblem = (missing: readonly string[]): string =>
  `model was not built from EventLogSchema: its schema lacks ${missing.join(', ')}. ` +
  `Register it with MongooseModule.forFeature([{ name: EVENT_LOG_MODEL, schema: EventLogSchema }])`;

export const invalidTransactionMessage = (got: string): string =>
  `AppendOptions.transaction must be a MongoDB ClientSession inside an active transaction, for example the session ` +
  `given by connection.transaction(async (session) => ...) or session.withTransaction(...); got ${got}. ` +
  `Nothing was appended.`;

export const invalidDateProblem = (name: string): string => `${name} must be a valid Date`;

export const invalidLimitProblem = (max: number): string => `limit must be an integer from 1 to ${max}`;

export const connectionNotOpenMessage = (state: string): string =>
  `The MongoDB connection of the event store is ${state}, so it was not pinged. Check the URI MongooseModule connects ` +
  `with and that the server is reachable; Mongoose reconnects on its own once it is.`;

// Mongoose's ConnectionStates, spelt out here because the model may come from the application's own copy of mongoose.
const CONNECTION_STATES: Readonly<Record<number, string>> = {
  0: 'disconnected',
  1: 'connected',
  2: 'connecting',
  3: 'disconnecting',
  99: 'uninitialized',
};

/** Mongoose's name for a connection's `readyState`. */
export const connectionStateName = (readyState: number): string => CONNECTION_STATES[readyState] ?? `in state ${readyState}`;

/** Describes a value for a message without dumping it. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'function') return `function ${value.name || '(anonymous)'}`;
  if (typeof value === 'object') return `an object of class ${value.constructor?.name ?? 'Object'}`;
  return `${typeof value} ${JSON.stringify(value)}`;
}
