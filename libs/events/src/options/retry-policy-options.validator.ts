import type { RetryPolicyOptions } from '../interfaces/retry-policy-options.interface.js';

const isNonNegative = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** Lists every problem of a retry policy; `path` prefixes each message, for example `retry` or `@OnDomainEvent retry`. */
export function retryPolicyProblems(retry: unknown, path: string): string[] {
  if (retry === undefined) return [];
  if (retry === null || typeof retry !== 'object') return [`${path} must be an object`];
  const r = retry as Record<keyof RetryPolicyOptions, unknown>;
  const problems: string[] = [];
  if (r.maxAttempts !== undefined && !(Number.isInteger(r.maxAttempts) && (r.maxAttempts as number) >= 1)) {
    problems.push(`${path}.maxAttempts must be an integer of at least 1 (got ${String(r.maxAttempts)})`);
  }
  if (r.initialDelayMs !== undefined && !isNonNegative(r.initialDelayMs)) {
    problems.push(`${path}.initialDelayMs must be a number of at least 0 (got ${String(r.initialDelayMs)})`);
  }
  if (r.multiplier !== undefined && !(isNonNegative(r.multiplier) && (r.multiplier as number) >= 1)) {
    problems.push(`${path}.multiplier must be a number of at least 1 (got ${String(r.multiplier)})`);
  }
  if (r.maxDelayMs !== undefined && !isNonNegative(r.maxDelayMs)) {
    problems.push(`${path}.maxDelayMs must be a number of at least 0 (got ${String(r.maxDelayMs)})`);
  }
  if (isNonNegative(r.maxDelayMs) && isNonNegative(r.initialDelayMs) && (r.maxDelayMs as number) < (r.initialDelayMs as number)) {
    problems.push(`${path}.maxDelayMs (${String(r.maxDelayMs)}) must not be below ${path}.initialDelayMs (${String(r.initialDelayMs)})`);
  }
  if (r.jitter !== undefined && r.jitter !== 'full' && r.jitter !== 'none') {
    problems.push(`${path}.jitter must be 'full' or 'none' (got ${JSON.stringify(r.jitter)})`);
  }
  if (r.retryable !== undefined && typeof r.retryable !== 'function') problems.push(`${path}.retryable must be a function`);
  const known = new Set(['maxAttempts', 'initialDelayMs', 'multiplier', 'maxDelayMs', 'jitter', 'retryable']);
  for (const key of Object.keys(r)) if (!known.has(key)) problems.push(`${path}.${key} is not a retry option`);
  return problems;
}
