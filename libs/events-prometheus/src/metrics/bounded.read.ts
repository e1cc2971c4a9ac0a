import { MetricsSourceTimeoutError } from '../errors/metrics-source-timeout.error.js';

/**
 * A scrape-time read of a slow or failing dependency (Redis, the event store), bounded so a scrape never hangs:
 * - every gauge of one scrape shares one read, so the dependency is asked once and a failure is counted once;
 * - at most one call to the dependency is in flight: a scrape that starts while an earlier call still hangs waits
 *   for that call (up to its own timeout) instead of piling another one on a struggling backend;
 * - a read resolves `undefined` after `timeoutMs` or on error, and reports why through `onFailure`.
 */
export class BoundedRead<T> {
  private call: Promise<T> | undefined;
  private current: Promise<T | undefined> | undefined;

  constructor(
    private readonly source: string,
    private readonly fetch: () => Promise<T>,
    private readonly timeoutMs: number,
    private readonly onFailure: (error: unknown) => void,
  ) {}

  /** The value, or `undefined` when the dependency failed or did not answer in time. Never rejects. */
  read(): Promise<T | undefined> {
    if (this.current === undefined) {
      const current = this.bounded().finally(() => {
        if (this.current === current) this.current = undefined;
      });
      this.current = current;
    }
    return this.current;
  }

  private async bounded(): Promise<T | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new MetricsSourceTimeoutError(this.source, this.timeoutMs)), this.timeoutMs);
    });
    try {
      return await Promise.race([this.inFlight(), timeout]);
    } catch (error) {
      this.onFailure(error);
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  private inFlight(): Promise<T> {
    if (this.call === undefined) {
      let call: Promise<T>;
      try {
        call = Promise.resolve(this.fetch());
      } catch (error) {
        call = Promise.reject(error);
      }
      this.call = call;
      // Also keeps a call that settles after its scrape gave up from becoming an unhandled rejection.
      const done = () => void (this.call === call && (this.call = undefined));
      call.then(done, done);
    }
    return this.call;
  }
}
