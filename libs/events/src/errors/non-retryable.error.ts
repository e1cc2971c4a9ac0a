/**
 * Throw (or wrap a cause in) this from a handler to skip the remaining retries: the failure goes straight
 * to the dead-letter queue. Use it for errors no retry can fix, such as a payload the handler cannot use.
 */
export class NonRetryableError extends Error {
  override readonly name: string = 'NonRetryableError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
