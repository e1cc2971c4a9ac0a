// The wording every module of the suite uses to report bad options, so `EventsModule`, the metrics, health and admin
// modules read alike: one error listing every problem, each naming the option and what was given instead.

const list = (items: readonly string[]): string => items.map((item) => `  - ${item}`).join('\n');

/** `<owner> options are invalid (N problems):` followed by one line per problem. */
export const invalidOptionsMessage = (owner: string, problems: readonly string[]): string =>
  `${owner} options are invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${list(problems)}`;

export const optionsNotObjectProblem = (value: unknown): string => `options must be an object, got ${describeValue(value)}`;

export const unknownOptionProblem = (name: string, known: readonly string[]): string =>
  `unknown option "${name}"${didYouMean(name, known)}; the options are ${known.join(', ')}`;

export const unknownAsyncOptionProblem = (name: string, known: readonly string[]): string =>
  `unknown forRootAsync option "${name}"${didYouMean(name, known)}; forRootAsync takes ${known.join(', ')}`;

/** ` (did you mean "source"?)` when one known name is close to `name` (a typo), else the empty string. */
export const didYouMean = (name: string, known: Iterable<string>): string => {
  const nearest = nearestName(name, known);
  return nearest === undefined ? '' : ` (did you mean "${nearest}"?)`;
};

/**
 * The known name a typo most likely meant: the one at the smallest edit distance (insertions, deletions,
 * substitutions and swaps of neighbours, ignoring case), if that distance is small for the name's length and no other
 * name is as close. Undefined when nothing is close enough to be a typo.
 */
export function nearestName(name: string, known: Iterable<string>): string | undefined {
  const limit = Math.max(1, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  let tie = false;
  for (const candidate of known) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance, tie] = [candidate, distance, false];
    else if (distance === bestDistance) tie = true;
  }
  return best !== undefined && !tie && bestDistance <= limit ? best : undefined;
}

/** Optimal string alignment distance: Levenshtein plus the swap of two neighbouring characters, the commonest typo. */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows[a.length]![b.length]!;
}

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

/**
 * The problem of an adapter's `catalog` option, or none. Checked by shape (an object with `get(type, version)`), so a
 * catalog built by another copy of this package still counts.
 */
export function catalogOptionProblems(value: unknown, path = 'catalog'): string[] {
  if (value === undefined || (isOptionsRecord(value) && typeof value.get === 'function')) return [];
  return [
    `${path} must be an EventCatalog (an object with get(type, version)), got ${describeValue(value)}; build one with new EventCatalog([...definitions]) or pass webNovelCatalog`,
  ];
}
