import { percentile, perSecond, summarizeNanos, type LatencySummary } from './stats.js';

/** Something to measure: one operation, and how to wait for the work a batch of operations started. */
export interface Workload {
  /** Runs one operation. A returned promise (or any value) is awaited before the next operation starts. */
  run(): unknown;
  /**
   * Announces `operations` runs and returns a promise that settles when all the work they start is done, such as
   * every handler having been called (see `CompletionCounter`). Without it, a batch ends with its last operation.
   */
  expect?(operations: number): Promise<void>;
}

/** How many operations each phase of a measurement runs. */
export interface MeasurementPlan {
  /** Untimed runs first, so the JIT has optimized the path before the clock starts. */
  readonly warmup: number;
  /** Timed back-to-back runs for the throughput figure, split evenly over `rounds`. */
  readonly operations: number;
  /**
   * Throughput is the median of this many equal rounds, so one round disturbed by GC or a noisy neighbour does
   * not decide the figure. Odd numbers give a true median. @default 5
   */
  readonly rounds?: number;
  /** Individually timed runs for the latency percentiles. */
  readonly latencySamples: number;
}

export interface Measurement {
  readonly operations: number;
  readonly elapsedNs: number;
  /** Median over the rounds of operations per second, each round timed until its expected work was done. */
  readonly perSecond: number;
  /** (fastest − slowest round) / median: how noisy the figure is. */
  readonly spread: number;
  /** Latency of one awaited operation, microseconds; includes the cost of `process.hrtime.bigint()`. */
  readonly latency: LatencySummary;
}

const collectGarbage = (globalThis as { gc?: () => void }).gc;

/**
 * Warm-up, then `plan.operations` awaited operations in timed rounds, then `plan.latencySamples` individually
 * timed ones. Operations run strictly one after another, so the figures are per-publisher, not aggregate.
 */
export async function measure(workload: Workload, plan: MeasurementPlan): Promise<Measurement> {
  const rounds = Math.max(1, Math.min(plan.rounds ?? 5, plan.operations));
  await runBatch(workload, plan.warmup);
  collectGarbage?.();
  const rates: number[] = [];
  let elapsedNs = 0;
  for (let round = 0; round < rounds; round++) {
    const operations = Math.floor(plan.operations / rounds) + (round < plan.operations % rounds ? 1 : 0);
    const start = process.hrtime.bigint();
    await runBatch(workload, operations);
    const roundNs = Number(process.hrtime.bigint() - start);
    elapsedNs += roundNs;
    rates.push(perSecond(operations, roundNs));
  }
  const sorted = Float64Array.from(rates).sort();
  const median = percentile(sorted, 50);
  const latency = await sampleLatencies(workload, plan.latencySamples);
  return {
    operations: plan.operations,
    elapsedNs,
    perSecond: median,
    spread: (sorted[sorted.length - 1]! - sorted[0]!) / median,
    latency,
  };
}

/** Runs `operations` awaited operations back to back, then waits for the work they started (`expect`). */
export async function runBatch(workload: Workload, operations: number): Promise<void> {
  const done = workload.expect?.(operations);
  for (let i = 0; i < operations; i++) await workload.run();
  await done;
}

async function sampleLatencies(workload: Workload, samples: number): Promise<LatencySummary> {
  return summarizeNanos(await sampleDurations(workload, samples));
}

/** `samples` awaited operations, each timed with `process.hrtime.bigint()`; nanoseconds, for `summarizeNanos`. */
export async function sampleDurations(workload: Workload, samples: number): Promise<Float64Array> {
  const durations = new Float64Array(samples);
  const done = workload.expect?.(samples);
  for (let i = 0; i < samples; i++) {
    const start = process.hrtime.bigint();
    await workload.run();
    durations[i] = Number(process.hrtime.bigint() - start);
  }
  await done;
  return durations;
}
