/** Latency percentiles of one sample, in microseconds. */
export interface LatencySummary {
  readonly samples: number;
  readonly mean: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

/**
 * Nearest-rank percentile of an ascending sample: the smallest value with at least `p` percent of the sample at or
 * below it. No interpolation, so the result is always a value that was observed.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) throw new RangeError('percentile of an empty sample');
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0..100 (got ${p})`);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/** Summarizes durations measured in nanoseconds (from `process.hrtime.bigint()`), reporting microseconds. */
export function summarizeNanos(durationsNs: ArrayLike<number>): LatencySummary {
  const sorted = Float64Array.from(durationsNs).sort();
  let total = 0;
  for (const d of sorted) total += d;
  const micros = (ns: number): number => ns / 1_000;
  return {
    samples: sorted.length,
    mean: micros(total / sorted.length),
    p50: micros(percentile(sorted, 50)),
    p90: micros(percentile(sorted, 90)),
    p99: micros(percentile(sorted, 99)),
    max: micros(sorted[sorted.length - 1]!),
  };
}

/** Operations per second for `count` operations that took `elapsedNs` in total. */
export function perSecond(count: number, elapsedNs: number): number {
  return elapsedNs > 0 ? (count * 1e9) / elapsedNs : Number.POSITIVE_INFINITY;
}

/** `value / baseline`, or `undefined` when there is no usable baseline (a case filtered out, say). */
export function ratio(value: number, baseline: number | undefined): number | undefined {
  return baseline === undefined || !(baseline > 0) ? undefined : value / baseline;
}
