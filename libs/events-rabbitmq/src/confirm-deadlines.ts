/** One publish (or batch) waiting for its confirms. */
interface Waiting {
  /** `performance.now()` after which it fails. */
  readonly at: number;
  readonly reject: (error: Error) => void;
  settled: boolean;
}

/**
 * The publish timeout of one transport, with one timer for every publish in flight instead of a timer (and a
 * `Promise.race`) per publish: the bus publishes one event per call, so thousands wait for confirms at once. Every
 * publish gets the same timeout, so deadlines come in the order publishes start: the waiting ones form a FIFO, the
 * timer only ever needs the oldest deadline, and an expiry fails exactly the publishes whose time is up.
 */
export class ConfirmDeadlines {
  /** Oldest first; settled entries are dropped from the front as they reach it. */
  private readonly waiting: Waiting[] = [];
  /** Index of the oldest entry still in `waiting` (the array is compacted now and then, not shifted per settle). */
  private head = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly ms: number,
    private readonly error: () => Error,
  ) {}

  /** Settles like `work`, or rejects with `error()` once `ms` have passed since `started` (a `performance.now()`). */
  within<T>(work: Promise<T>, started: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const entry: Waiting = { at: started + this.ms, reject, settled: false };
      this.waiting.push(entry);
      this.timer ??= setTimeout(this.expire, this.ms);
      work.then(
        (value) => {
          entry.settled = true;
          this.trim();
          resolve(value);
        },
        (error: unknown) => {
          entry.settled = true;
          this.trim();
          reject(error);
        },
      );
    });
  }

  /** Fails every publish past its deadline, then waits for the next oldest; arrow, so it is bound once. */
  private readonly expire = (): void => {
    this.timer = undefined;
    const now = performance.now();
    while (this.head < this.waiting.length) {
      const entry = this.waiting[this.head]!;
      if (!entry.settled && entry.at > now) break;
      this.head++;
      if (!entry.settled) {
        entry.settled = true;
        entry.reject(this.error());
      }
    }
    this.compact();
    const next = this.waiting[this.head];
    // At least 1 ms: a timer due in under a millisecond would fire early and find nothing to expire.
    if (next !== undefined) this.timer = setTimeout(this.expire, Math.max(1, Math.ceil(next.at - now)));
  };

  /** Drops settled entries from the front; with none left waiting, the timer goes too, so it holds no process open. */
  private trim(): void {
    while (this.head < this.waiting.length && this.waiting[this.head]!.settled) this.head++;
    if (this.head < this.waiting.length) {
      if (this.head >= 1024) this.compact();
      return;
    }
    this.waiting.length = 0;
    this.head = 0;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private compact(): void {
    if (this.head === 0) return;
    this.waiting.splice(0, this.head);
    this.head = 0;
  }
}
