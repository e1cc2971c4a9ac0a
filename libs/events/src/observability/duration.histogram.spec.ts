import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DurationHistogram } from './duration.histogram.js';

/** Within the bucket resolution: 8 buckets per doubling put a quantile within ±4.5% of the true value. */
const near = (actual: number | null, expected: number, what: string) =>
  assert.ok(actual !== null && Math.abs(actual - expected) / expected <= 0.045, `${what}: ${actual} is not within 4.5% of ${expected}`);

describe('DurationHistogram', () => {
  it('reads quantiles of a uniform spread within the bucket resolution', () => {
    const h = new DurationHistogram();
    for (let ms = 1; ms <= 1000; ms++) h.record(ms);
    near(h.quantile(0.5), 500, 'p50');
    near(h.quantile(0.95), 950, 'p95');
    near(h.quantile(0.99), 990, 'p99');
    assert.equal(h.count, 1000);
    assert.equal(h.max, 1000);
  });

  it('covers sub-millisecond runs and never reports above the largest sample', () => {
    const h = new DurationHistogram();
    for (let i = 0; i < 99; i++) h.record(0.02);
    h.record(0.3);
    near(h.quantile(0.5), 0.02, 'p50');
    assert.ok(h.quantile(1)! <= 0.3);
    near(h.quantile(1), 0.3, 'p100');
  });

  it('answers null when empty, puts zero and huge values in the end buckets, and merges', () => {
    const a = new DurationHistogram();
    assert.equal(a.quantile(0.5), null);
    a.record(0);
    a.record(1e9);
    assert.equal(a.quantile(0.5), 0.001);
    assert.ok(a.quantile(1)! > 100_000, 'the slowest run lands in the last bucket');
    const b = new DurationHistogram();
    b.record(5);
    b.add(a);
    assert.equal(b.count, 3);
    assert.equal(b.max, 1e9);
    near(b.quantile(0.5), 5, 'merged p50');
  });
});
