import type { EventCatalog } from '../catalog/event-catalog.js';
import type { UncoveredPattern } from '../errors/unknown-event-pattern.error.js';
import type { RegisteredHandler } from '../interfaces/handler.interface.js';
import { editDistance } from '../options/option-problems.js';
import { compilePattern } from './event-pattern.js';

const NEAREST = 3;

/**
 * Every handler pattern that matches no type of the catalog, with the types closest to it: a typo that would
 * otherwise boot and never fire. Empty for an empty catalog, which checks nothing.
 */
export function uncoveredPatterns(handlers: readonly RegisteredHandler[], catalog: EventCatalog): UncoveredPattern[] {
  if (catalog.isEmpty) return [];
  const types = catalog.types();
  const uncovered: UncoveredPattern[] = [];
  for (const handler of handlers) {
    for (const pattern of handler.patterns) {
      const compiled = compilePattern(pattern);
      if (types.some((type) => compiled.matches(type))) continue;
      uncovered.push({ handler: handler.name, origin: handler.origin, pattern, nearest: nearestTypes(pattern, types) });
    }
  }
  return uncovered;
}

/**
 * The catalog types closest to a pattern, closest first: by edit distance for an exact type, and segment by segment
 * (a `*` matching anything) for a wildcard, so `boook.*` finds the `book.*` types.
 */
function nearestTypes(pattern: string, types: readonly string[]): string[] {
  const segments = pattern.split('.');
  const wildcard = segments.includes('*');
  const distance = (type: string): number => {
    if (!wildcard) return editDistance(pattern, type);
    const parts = type.split('.');
    const spare = Math.abs(parts.length - segments.length);
    return segments.reduce((sum, s, i) => sum + (s === '*' ? 0 : editDistance(s, parts[i] ?? '')), 0) + spare * 4;
  };
  return types
    .map((type) => ({ type, d: distance(type) }))
    .sort((a, b) => a.d - b.d || a.type.localeCompare(b.type))
    .slice(0, NEAREST)
    .map((t) => t.type);
}
