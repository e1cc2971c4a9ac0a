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

/** Keys Nest's `ConfigurableModuleBuilder` reads from `forRootAsync` options; anything else given there is an extra. */
export const ASYNC_OPTION_KEYS = ['imports', 'useFactory', 'inject', 'useClass', 'useExisting', 'provideInjectionTokensFrom'] as const;

/** Whether `value` is an options object: a non-null object that is not an array. */
export const isOptionsRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const ROUTE_SEGMENT = /^[A-Za-z0-9._~-]+$/;

/**
 * A module's route path with no leading or trailing slash, or undefined when `path` is not a string of at most
 * `maxLength` characters made of URL-safe segments.
 */
export function normalizeRoutePath(path: unknown, maxLength: number): string | undefined {
  if (typeof path !== 'string' || path.length > maxLength) return undefined;
  const trimmed = path.replace(/^\//, '').replace(/\/$/, '');
  // "." and ".." would be resolved away by clients and proxies, so the route would not be where it seems.
  const usable = trimmed.split('/').every((s) => ROUTE_SEGMENT.test(s) && s !== '.' && s !== '..');
  return usable ? trimmed : undefined;
}
