import { runBatch, sampleDurations, type Workload } from '../support/harness.js';
import { percentile, perSecond, summarizeNanos, type LatencySummary } from '../support/stats.js';

/** One timed round: from its first operation until its expected work was done. */
export interface RoundTiming {
  readonly ns: number;
  /** For queues: until every send had resolved (the producer side alone). */
  readonly acceptedNs?: number;
}

/**
 * One case that can be driven round by round, in this process or in a child (`child-runner.ts`), so that cases run
 * side by side take turns and drift on a shared machine lands on all of them alike.
 */
export interface RoundRunner {
  warmup(operations: number): Promise<void>;
  round(operations: number): Promise<RoundTiming>;
  /** Nanoseconds of `samples` individually timed operations; runners without a per-operation latency omit it. */
  latency?(samples: number): Promise<Float64Array>;
  /** Closes the case (after checking what it observed); resolves to a short note for the report, if any. */
  close(): Promise<string | undefined>;
}

/** A workload in this process; `activate` runs before each of its turns (see `ObservedApp.activate`). */
export function localRunner(workload: Workload, activate: () => void, close: () => Promise<string | undefined | void>): RoundRunner {
  return {
    warmup: async (operations) => {
      activate();
      await runBatch(workload, operations);
    },
    round: async (operations) => {
      activate();
      const start = process.hrtime.bigint();
      await runBatch(workload, operations);
      return { ns: Number(process.hrtime.bigint() - start) };
    },
    latency: (samples) => {
      activate();
      return sampleDurations(workload, samples);
    },
    close: async () => (await close()) ?? undefined,
  };
}

export interface InterleavedPlan {
  /** Untimed operations per case first, in turn. */
  readonly warmup: number;
  /** Operations per timed round. */
  readonly operations: number;
  readonly rounds: number;
  /** Individually timed operations per case, taken in equal parts after each of its rounds. */
  readonly latencySamples: number;
}

export interface InterleavedResult {
  /** Operations in the timed rounds. */
  readonly operations: number;
  /** Operations per timed round. */
  readonly roundOperations: number;
  readonly elapsedNs: number;
  /** Median over the rounds of operations per second. */
  readonly perSecond: number;
  /** Median over the rounds of operations per second until the sends resolved, when the runner reports it. */
  readonly acceptedPerSecond: number | undefined;
  /** (fastest − slowest round) / median. */
  readonly spread: number;
  /** Operations per second of each round, in order. */
  readonly rates: readonly number[];
  readonly latency: LatencySummary | undefined;
}

const collectGarbage = (globalThis as { gc?: () => void }).gc;

/**
 * Warms every runner up, then runs `plan.rounds` rounds in which each runner takes one turn (a timed batch, then its
 * share of latency samples), the order rotating every round, as `bullmq-delivery.bench.ts` does. `scales[i]`
 * multiplies runner i's operations per round (default 1), so a much faster case still gets rounds long enough to
 * time well.
 */
export async function interleave(
  runners: readonly RoundRunner[],
  plan: InterleavedPlan,
  scales: readonly number[] = [],
): Promise<InterleavedResult[]> {
  const operationsOf = (index: number): number => Math.max(1, Math.round(plan.operations * (scales[index] ?? 1)));
  for (const runner of runners) await runner.warmup(plan.warmup);
  const samples = runners.map(() => ({ rates: [] as number[], accepted: [] as number[], ns: 0, latency: [] as Float64Array[] }));
  const latencyPerRound = Math.ceil(plan.latencySamples / plan.rounds);
  for (let round = 0; round < plan.rounds; round++) {
    for (let turn = 0; turn < runners.length; turn++) {
      const index = (round + turn) % runners.length;
      const runner = runners[index]!;
      const sample = samples[index]!;
      collectGarbage?.();
      const operations = operationsOf(index);
      const timing = await runner.round(operations);
      sample.rates.push(perSecond(operations, timing.ns));
      if (timing.acceptedNs !== undefined) sample.accepted.push(perSecond(operations, timing.acceptedNs));
      sample.ns += timing.ns;
      if (runner.latency && latencyPerRound > 0) sample.latency.push(await runner.latency(latencyPerRound));
    }
  }
  return samples.map((sample, index) => {
    const sorted = Float64Array.from(sample.rates).sort();
    const median = percentile(sorted, 50);
    const latency = sample.latency.length === 0 ? undefined : summarizeNanos(concat(sample.latency));
    return {
      operations: operationsOf(index) * plan.rounds,
      roundOperations: operationsOf(index),
      elapsedNs: sample.ns,
      perSecond: median,
      acceptedPerSecond: sample.accepted.length === 0 ? undefined : percentile(Float64Array.from(sample.accepted).sort(), 50),
      spread: (sorted[sorted.length - 1]! - sorted[0]!) / median,
      rates: sample.rates,
      latency,
    };
  });
}

function concat(parts: readonly Float64Array[]): Float64Array {
  const all = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    all.set(part, offset);
    offset += part.length;
  }
  return all;
}
