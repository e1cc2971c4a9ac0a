/**
 * Freezes a value and everything reachable from it. Dates stay usable (their internal slot cannot be frozen),
 * which is fine: handlers get their own copies through JSON on every remote hop.
 */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  for (let i = 0; i < keys.length; i++) {
    const child = record[keys[i]!];
    // Checked here as well as on entry: most payload fields are strings and numbers, and a call per field shows.
    if (child !== null && typeof child === 'object') deepFreeze(child);
  }
  return value;
}
