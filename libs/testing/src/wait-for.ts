/** Options of `waitFor`. */
export interface WaitForOptions {
  /** @default 5000 */
  timeoutMs?: number;
  /** @default 10 */
  intervalMs?: number;
  /** Included in the timeout error. */
  description?: string;
}

/** The condition did not hold before the timeout. Carries the last value or error seen. */
export class WaitForTimeoutError extends Error {
  override readonly name = 'WaitForTimeoutError';

  constructor(
    readonly description: string,
    readonly timeoutMs: number,
    readonly lastError: unknown,
  ) {
    super(`Timed out after ${timeoutMs} ms waiting for ${description}${lastError ? `; last error: ${String(lastError)}` : ''}`);
  }
}

/**
 * Polls `probe` until it returns a truthy value (which is returned) or stops throwing, then resolves.
 * Used instead of fixed sleeps: it waits exactly as long as the condition needs, up to the timeout.
 */
export async function waitFor<T>(probe: () => T | Promise<T>, options: WaitForOptions = {}): Promise<NonNullable<T>> {
  const { timeoutMs = 5000, intervalMs = 10, description = 'a condition' } = options;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) throw new WaitForTimeoutError(description, timeoutMs, lastError);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
