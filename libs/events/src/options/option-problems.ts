// The wording every module of the suite uses to report bad options, so `EventsModule`, the metrics, health and admin
// modules read alike: one error listing every problem, each naming the option and what was given instead.

const list = (items: readonly string[]): string => items.map((item) => `  - ${item}`).join('\n');

/** `<owner> options are invalid (N problems):` followed by one line per problem. */
export const invalidOptionsMessage = (owner: string, problems: readonly string[]): string =>
  `${owner} options are invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${list(problems)}`;

export const optionsNotObjectProblem = (value: unknown): string => `options must be an object, got ${describeValue(value)}`;

export const unknownOptionProblem = (name: string, known: readonly string[]): string =>
  `unknown option "${name}"; the options are ${known.join(', ')}`;

export const unknownAsyncOptionProblem = (name: string, known: readonly string[]): string =>
  `unknown forRootAsync option "${name}"; forRootAsync takes ${known.join(', ')}`;

/** Renders what was passed in place of something, briefly. Only for values that cannot be secrets. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null || value === undefined || Array.isArray(value) || typeof value === 'function') return describeType(value);
  return typeof value === 'object' ? `an object (${value.constructor?.name ?? 'no prototype'})` : `a ${typeof value}`;
}

/** Names the kind of a value without showing it, for values that may be secrets (keys, connection strings). */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'function') return `function ${value.name || '(anonymous)'}`;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
