/**
 * Freezes a value and everything reachable from it. Dates stay usable (their internal slot cannot be frozen),
 * which is fine: handlers get their own copies through JSON on every remote hop.
 */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const key of Object.keys(value)) {
    deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
