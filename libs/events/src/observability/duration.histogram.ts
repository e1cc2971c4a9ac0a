// Log-scale buckets: 8 per doubling from 1 µs, so a quantile read back is within about 4.5% of the true value,
// in fixed memory, whatever the number of samples. 27 doublings reach about 134 s; slower runs share the last bucket.
const STEPS_PER_DOUBLING = 8;
const MIN_MS = 0.001;
const BUCKETS = STEPS_PER_DOUBLING * 27;

/** Durations in milliseconds, for p50/p95/p99 over a window without keeping the samples. */
export class DurationHistogram {
  private readonly counts = new Uint32Array(BUCKETS);
  count = 0;
  max = 0;

  record(ms: number): void {
    const index = ms <= MIN_MS ? 0 : Math.min(BUCKETS - 1, Math.floor(Math.log2(ms / MIN_MS) * STEPS_PER_DOUBLING));
    this.counts[index]!++;
    this.count++;
    if (ms > this.max) this.max = ms;
  }

  add(other: DurationHistogram): void {
    for (let i = 0; i < BUCKETS; i++) this.counts[i]! += other.counts[i]!;
    this.count += other.count;
    if (other.max > this.max) this.max = other.max;
  }

  /** The `q` quantile (0 < q ≤ 1) in milliseconds, rounded to the microsecond; null with no samples. */
  quantile(q: number): number | null {
    if (this.count === 0) return null;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) {
        // The bucket's geometric middle, never above the largest sample seen.
        const middle = MIN_MS * 2 ** ((i + 0.5) / STEPS_PER_DOUBLING);
        return Math.round(Math.min(middle, this.max) * 1000) / 1000;
      }
    }
    return this.max;
  }
}
