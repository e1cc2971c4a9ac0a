/**
 * Counts calls made by the code under test (handlers, consumers, workers) and settles once an expected number has
 * arrived, so a throughput run can stop its clock when the last unit of work has finished, however the library
 * under test delivers it (inline, fire-and-forget, through a queue).
 */
export class CompletionCounter {
  private calls = 0;
  private target = 0;
  private resolve: (() => void) | undefined;

  /** Records one call. Cheap on purpose: it sits inside every measured handler. */
  hit(): void {
    if (++this.calls === this.target) this.resolve?.();
  }

  /** Calls since the last `expect`. */
  get count(): number {
    return this.calls;
  }

  /**
   * Starts a new round of `calls` calls and resolves when they have all arrived; rejects after `timeoutMs` with
   * the count reached. Throws if the previous round ended with a different count (a lost or doubled delivery).
   */
  expect(calls: number, timeoutMs = 60_000): Promise<void> {
    this.verify();
    this.calls = 0;
    this.target = calls;
    if (calls === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`timed out after ${timeoutMs} ms with ${this.calls} of ${calls} expected calls`)),
        timeoutMs,
      );
      timer.unref();
      this.resolve = () => {
        clearTimeout(timer);
        this.resolve = undefined;
        resolve();
      };
    });
  }

  /** @throws Error when the current round has not seen exactly the expected number of calls */
  verify(): void {
    if (this.calls !== this.target) throw new Error(`expected ${this.target} calls, counted ${this.calls}`);
  }
}
