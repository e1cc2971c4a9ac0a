// Every user-facing message of this lib lives here so the wording stays consistent and says how to fix the problem.

const list = (items: readonly string[]): string => items.map((item) => `  - ${item}`).join('\n');

export const invalidStoreOptionsMessage = (problems: readonly string[]): string =>
  `PostgresEventStore options are invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${list(problems)}`;

export const invalidTransactionMessage = (operation: string, got: string): string =>
  `${operation}: options.transaction must be a pg client (the PoolClient from pool.connect() or a Client) on which you ran BEGIN, ` +
  `but got ${got}; nothing was appended. Pass the client of your transaction, or omit the option to append outside one.`;

export const identifierProblem = (option: string, value: unknown): string =>
  `${option} must be a lower-case PostgreSQL identifier (a letter or "_", then letters, digits or "_", at most 63 characters), ` +
  `got ${JSON.stringify(value)}`;

export const connectionProblem = (): string =>
  'pass either "pool" (a pg.Pool you own) or "connectionString" (the store then owns its pool), not both and not neither';

export const poolProblem = (): string => 'pool must be a pg.Pool (an object with query() and connect())';

export const connectionStringProblem = (): string =>
  'connectionString must be a non-empty string such as "postgres://user@127.0.0.1:5432/db"';

export const cleanupBatchSizeProblem = (max: number): string => `cleanupBatchSize must be an integer from 1 to ${max}`;

export const optionsNotObjectProblem = (): string => 'options must be an object';

/** Renders what was passed in place of something, briefly, for error messages. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return `an object without a query() function (${Object.keys(value).slice(0, 5).join(', ') || 'no keys'})`;
  return `${typeof value} ${JSON.stringify(value)}`;
}
