import { perSecond, summarizeNanos, type LatencySummary } from './stats.js';

/**
 * Runs `run(0)` … `run(operations - 1)` with at most `concurrency` calls in flight: a sliding window, so a new call
 * starts as soon as any earlier one settles (closed loop, many publishers). Resolves once all have settled; on the
 * first failure no new call starts and the returned promise rejects with that error once the calls in flight settle.
 */
export async function runWindowed(operations: number, concurrency: number, run: (index: number) => Promise<unknown>): Promise<void> {
  if (!(Number.isInteger(concurrency) && concurrency >= 1)) throw new RangeError(`concurrency must be an integer ≥ 1 (got ${concurrency})`);
  let next = 0;
  let failed = false;
  const lane = async (): Promise<void> => {
    while (!failed && next < operations) {
      const index = next++;
      try {
        await run(index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const lanes = Array.from({ length: Math.min(concurrency, operations) }, lane);
  const settled = await Promise.allSettled(lanes);
  const rejected = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (rejected) throw rejected.reason;
}

/** What an open-loop run measured. */
export interface PacedRun {
  /** Calls started (rate × duration) and settled. */
  readonly operations: number;
  /** The rate asked for, calls per second. */
  readonly targetPerSecond: number;
  /** Calls over the seconds from the first start to the last settlement. */
  readonly achievedPerSecond: number;
  /** Each call from its start to its settlement, microseconds. */
  readonly latency: LatencySummary;
  /** How late each call started against its slot on the schedule, microseconds: timer granularity and a busy event loop. */
  readonly startLag: LatencySummary;
}

/**
 * Open loop: starts `run(i)` at a steady `perSecond` for `durationMs`, whether or not earlier calls have settled, so
 * a slow call cannot slow the arrivals down and hide its own latency. A timer fires every `tickMs` and starts every
 * call whose slot has come; calls that share a tick start back to back. Each call is timed from its start to its
 * settlement. Rejects with the first failure once every call has settled, or after `settleTimeoutMs` if some never do.
 */
export async function runPaced(
  perSecondTarget: number,
  durationMs: number,
  run: (index: number) => Promise<unknown>,
  { tickMs = 1, settleTimeoutMs = 30_000 }: { tickMs?: number; settleTimeoutMs?: number } = {},
): Promise<PacedRun> {
  if (!(perSecondTarget > 0 && durationMs > 0)) throw new RangeError('rate and duration must be positive');
  const operations = Math.max(1, Math.round((perSecondTarget * durationMs) / 1_000));
  const slotNs = 1e9 / perSecondTarget;
  const latencies = new Float64Array(operations);
  const lags = new Float64Array(operations);
  const pending: Promise<void>[] = [];
  let firstError: { error: unknown } | undefined;
  let started = 0;
  let lastSettledAt = 0n;
  const origin = process.hrtime.bigint();

  const launch = (index: number): void => {
    const start = process.hrtime.bigint();
    lags[index] = Math.max(0, Number(start - origin) - index * slotNs);
    let call: Promise<unknown>;
    try {
      call = run(index);
    } catch (error) {
      call = Promise.reject(error);
    }
    pending.push(
      call.then(
        () => {
          lastSettledAt = process.hrtime.bigint();
          latencies[index] = Number(lastSettledAt - start);
        },
        (error: unknown) => {
          lastSettledAt = process.hrtime.bigint();
          latencies[index] = Number(lastSettledAt - start);
          firstError ??= { error };
        },
      ),
    );
  };

  await new Promise<void>((resolve) => {
    const tick = (): void => {
      const due = Math.min(operations, Math.floor(Number(process.hrtime.bigint() - origin) / slotNs) + 1);
      while (started < due && firstError === undefined) launch(started++);
      if (started >= operations || firstError !== undefined) resolve();
      else setTimeout(tick, tickMs);
    };
    tick();
  });

  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), settleTimeoutMs)));
  const outcome = await Promise.race([Promise.all(pending), timedOut]);
  clearTimeout(timer);
  if (outcome === 'timeout')
    throw new Error(`${operations - countSettled(latencies)} of ${started} paced calls still pending after ${settleTimeoutMs} ms`);
  if (firstError !== undefined) throw firstError.error;
  return {
    operations,
    targetPerSecond: perSecondTarget,
    achievedPerSecond: perSecond(operations, Number(lastSettledAt - origin)),
    latency: summarizeNanos(latencies),
    startLag: summarizeNanos(lags),
  };
}

function countSettled(latencies: Float64Array): number {
  let settled = 0;
  for (const l of latencies) if (l > 0) settled++;
  return settled;
}
