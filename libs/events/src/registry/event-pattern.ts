import { InvalidEventPatternError } from '../errors/handler-registration.error.js';

const SEGMENT = /^(\*|[a-z0-9_]+)$/;

/** A compiled pattern: a predicate over event types. */
export interface CompiledPattern {
  readonly source: string;
  matches(type: string): boolean;
}

/**
 * Compiles `book.purchased` (exact), `user.*` (`*` stands for exactly one segment) or `*` (every event).
 * The grammar mirrors AMQP topic bindings so the RabbitMQ transport can bind the same patterns.
 *
 * @throws InvalidEventPatternError on an empty pattern, empty segments or characters outside [a-z0-9_*]
 */
export function compilePattern(pattern: string): CompiledPattern {
  if (typeof pattern !== 'string') throw new InvalidEventPatternError(String(pattern));
  if (pattern === '*') return { source: pattern, matches: () => true };
  const segments = pattern.split('.');
  if (!segments.every((s) => SEGMENT.test(s))) throw new InvalidEventPatternError(pattern);
  if (!segments.includes('*')) return { source: pattern, matches: (type) => type === pattern };
  return {
    source: pattern,
    matches(type) {
      const parts = type.split('.');
      if (parts.length !== segments.length) return false;
      return segments.every((s, i) => s === '*' || s === parts[i]);
    },
  };
}

/** Normalises one pattern or an array of them into a non-empty, de-duplicated list. */
export function toPatternList(pattern: string | readonly string[]): string[] {
  return [...new Set(typeof pattern === 'string' ? [pattern] : pattern)];
}
