import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NonRetryableError } from '../errors/non-retryable.error.js';
import { DEFAULT_RETRY_POLICY } from '../options/events-options.resolver.js';
import { RetryPolicy, isNonRetryable } from './retry-policy.js';

const policy = (o: Partial<ConstructorParameters<typeof RetryPolicy>[0]> = {}) => new RetryPolicy({ ...DEFAULT_RETRY_POLICY, ...o });

describe('RetryPolicy', () => {
  it('grows delays exponentially up to the cap, without jitter', () => {
    const p = policy({ initialDelayMs: 100, multiplier: 3, maxDelayMs: 2000, jitter: 'none' });
    assert.deepEqual(
      [1, 2, 3, 4, 5].map((a) => p.delayMs(a)),
      [100, 300, 900, 2000, 2000],
    );
  });

  it('draws full jitter uniformly from zero to the computed delay', () => {
    const p = policy({ initialDelayMs: 100, multiplier: 2, maxDelayMs: 10_000, jitter: 'full' });
    assert.equal(
      p.delayMs(3, () => 0),
      0,
    );
    assert.equal(
      p.delayMs(3, () => 0.5),
      200,
    );
    assert.equal(
      p.delayMs(3, () => 0.999999),
      400,
    );
  });

  it('retries until maxAttempts runs have happened', () => {
    const p = policy({ maxAttempts: 3 });
    assert.deepEqual(
      [1, 2, 3].map((a) => p.shouldRetry(new Error('x'), a)),
      [true, true, false],
    );
    assert.equal(policy({ maxAttempts: 1 }).shouldRetry(new Error('x'), 1), false);
  });

  it('never retries a NonRetryableError, directly, wrapped as a cause, or from another copy of the package', () => {
    const p = policy();
    assert.equal(p.shouldRetry(new NonRetryableError('bad payload'), 1), false);
    assert.equal(p.shouldRetry(new Error('wrapper', { cause: new NonRetryableError('inner') }), 1), false);
    const foreign = Object.assign(new Error('other copy'), { name: 'NonRetryableError' });
    assert.equal(isNonRetryable(foreign), true);
    assert.equal(isNonRetryable('not an error'), false);
  });

  it('asks the retryable predicate, and merges handler overrides over the defaults', () => {
    const p = RetryPolicy.merge({ ...DEFAULT_RETRY_POLICY }, { maxAttempts: 2, retryable: (e) => !(e instanceof TypeError) });
    assert.equal(p.options.maxAttempts, 2);
    assert.equal(p.options.initialDelayMs, DEFAULT_RETRY_POLICY.initialDelayMs);
    assert.equal(p.shouldRetry(new TypeError('bug'), 1), false);
    assert.equal(p.shouldRetry(new Error('timeout'), 1), true);
  });
});
