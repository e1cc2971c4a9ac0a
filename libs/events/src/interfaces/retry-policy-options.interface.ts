/**
 * How a failed handler run is retried. Global defaults come from `EventsModule` options; any field can be
 * overridden per handler in `@OnDomainEvent({ retry })`. Delivery drivers (in-process, BullMQ) consume it.
 */
export interface RetryPolicyOptions {
  /** Total runs, the first included. `1` means no retry. @default 5 */
  maxAttempts?: number;
  /** Delay before the first retry, in milliseconds. @default 1000 */
  initialDelayMs?: number;
  /** Growth factor of the delay per attempt. @default 2 */
  multiplier?: number;
  /** Upper bound of any single delay, in milliseconds. @default 60000 */
  maxDelayMs?: number;
  /** `'full'` draws each delay uniformly from [0, computed delay] to spread retry storms. @default 'full' */
  jitter?: 'full' | 'none';
  /**
   * Decides whether an error is worth retrying. `NonRetryableError` is never retried, whatever this says.
   * @default () => true
   */
  retryable?: (error: unknown) => boolean;
}
