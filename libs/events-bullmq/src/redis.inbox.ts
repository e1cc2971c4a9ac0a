import type { Redis } from 'ioredis';

interface Pending<T> {
  readonly key: string;
  readonly resolve: (value: T) => void;
  readonly reject: (error: unknown) => void;
}

// One command for a whole batch: SET NX PX on each key, so a pair is recorded once and expires on its own.
const REMEMBER_ALL = `for i, key in ipairs(KEYS) do redis.call('SET', key, '1', 'PX', ARGV[1], 'NX') end return #KEYS`;

/**
 * Completed (event, handler) pairs, one key each with a TTL, so a redelivered copy is skipped. Recorded with SET NX
 * after the handler succeeded: a pair that never completed (a dead letter being reprocessed) is not in it.
 *
 * Checks and records of the jobs running at once are coalesced per event-loop turn into one MGET and one script
 * call, since two commands per job cost a BullMQ worker about a tenth of its throughput.
 */
export class RedisInbox {
  private checks: Pending<boolean>[] = [];
  private marks: Pending<void>[] = [];
  private scheduled = false;

  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    private readonly ttlMs: number,
  ) {}

  has(pairId: string): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.checks.push({ key: this.key(pairId), resolve, reject });
      this.schedule();
    });
  }

  remember(pairId: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.marks.push({ key: this.key(pairId), resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    const marks = this.marks;
    const checks = this.checks;
    this.marks = [];
    this.checks = [];
    // Marks go first, so a check in the same turn sees a pair completed in it.
    if (marks.length > 0) {
      this.redis.eval(REMEMBER_ALL, marks.length, ...marks.map((m) => m.key), this.ttlMs).then(
        () => marks.forEach((m) => m.resolve()),
        (error: unknown) => marks.forEach((m) => m.reject(error)),
      );
    }
    if (checks.length > 0) {
      this.redis.mget(checks.map((c) => c.key)).then(
        (values) => checks.forEach((c, i) => c.resolve(values[i] !== null)),
        (error: unknown) => checks.forEach((c) => c.reject(error)),
      );
    }
  }

  private key(pairId: string): string {
    return `${this.keyPrefix}:${pairId}`;
  }
}
