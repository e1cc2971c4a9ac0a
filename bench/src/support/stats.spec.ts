import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { perSecond, percentile, ratio, summarizeNanos } from './stats.js';

describe('percentile', () => {
  const sorted = Float64Array.from({ length: 100 }, (_, i) => i + 1);

  it('returns an observed value by nearest rank', () => {
    assert.equal(percentile(sorted, 50), 50);
    assert.equal(percentile(sorted, 99), 99);
    assert.equal(percentile(sorted, 100), 100);
    assert.equal(percentile(sorted, 0), 1);
    assert.equal(percentile([7], 99), 7);
    assert.equal(percentile([1, 2, 3], 50), 2);
  });

  it('rejects an empty sample and a percentile outside 0..100', () => {
    assert.throws(() => percentile([], 50), RangeError);
    assert.throws(() => percentile(sorted, 101), RangeError);
    assert.throws(() => percentile(sorted, Number.NaN), RangeError);
  });
});

describe('summarizeNanos', () => {
  it('sorts a copy and reports microseconds', () => {
    const input = Float64Array.from([3000, 1000, 2000, 4000]);
    const summary = summarizeNanos(input);
    assert.deepEqual(summary, { samples: 4, mean: 2.5, p50: 2, p90: 4, p99: 4, max: 4 });
    assert.deepEqual([...input], [3000, 1000, 2000, 4000]);
  });
});

describe('perSecond and ratio', () => {
  it('converts a count over nanoseconds to a rate', () => {
    assert.equal(perSecond(2_000_000, 1e9), 2_000_000);
    assert.equal(perSecond(500, 5e8), 1000);
  });

  it('has no ratio without a positive baseline', () => {
    assert.equal(ratio(10, 2), 5);
    assert.equal(ratio(10, undefined), undefined);
    assert.equal(ratio(10, 0), undefined);
  });
});
