import { NonRetryableError } from '../errors/non-retryable.error.js';
import type { RetryPolicyOptions } from '../interfaces/retry-policy-options.interface.js';

/** A policy with every field set. */
export type ResolvedRetryPolicyOptions = Required<Omit<RetryPolicyOptions, 'retryable'>> & Pick<RetryPolicyOptions, 'retryable'>;

/**
 * Decides whether a failed handler run is tried again and after how long (seed 4.1): exponential backoff from
 * `initialDelayMs` by `multiplier`, capped at `maxDelayMs`, with optional full jitter. Pure; delivery drivers own the
 * timing (in-process timers now, BullMQ's custom backoff later).
 */
export class RetryPolicy {
  constructor(readonly options: ResolvedRetryPolicyOptions) {}

  /** The module defaults with one handler's overrides on top. */
  static merge(defaults: ResolvedRetryPolicyOptions, override: RetryPolicyOptions | undefined): RetryPolicy {
    return new RetryPolicy(override ? { ...defaults, ...override } : defaults);
  }

  /**
   * Whether to run again after run number `attempt` (1-based) failed with `error`. Never for a `NonRetryableError`
   * (or one wrapping it as `cause`), nor once `maxAttempts` runs have happened.
   */
  shouldRetry(error: unknown, attempt: number): boolean {
    if (attempt >= this.options.maxAttempts || isNonRetryable(error)) return false;
    return this.options.retryable ? this.options.retryable(error) : true;
  }

  /**
   * Milliseconds to wait before the run after failed run `attempt` (1-based). With full jitter, a uniform draw from
   * [0, computed delay], which spreads retry storms; `random` is injectable for tests.
   */
  delayMs(attempt: number, random: () => number = Math.random): number {
    const { initialDelayMs, multiplier, maxDelayMs, jitter } = this.options;
    const ceiling = Math.min(maxDelayMs, initialDelayMs * multiplier ** Math.max(0, attempt - 1));
    return Math.round(jitter === 'full' ? random() * ceiling : ceiling);
  }
}

/** `NonRetryableError`, by class or by name (another copy of the package), directly or as a `cause`. */
export function isNonRetryable(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof NonRetryableError || e.name === 'NonRetryableError') return true;
  }
  return false;
}
