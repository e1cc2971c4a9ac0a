import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { didYouMean, nearestName, unknownAsyncOptionProblem, unknownOptionProblem } from './option-problems.js';

const OPTIONS = ['source', 'catalog', 'store', 'retention', 'retentionSweepMs', 'outbox', 'tracing'];

describe('nearestName', () => {
  it('finds the option a typo meant: a dropped, added, changed or swapped letter, in any case', () => {
    assert.equal(nearestName('sorce', OPTIONS), 'source');
    assert.equal(nearestName('catalogg', OPTIONS), 'catalog');
    assert.equal(nearestName('stroe', OPTIONS), 'store');
    assert.equal(nearestName('Tracing', OPTIONS), 'tracing');
    assert.equal(nearestName('retentionSweepMS', OPTIONS), 'retentionSweepMs');
  });

  it('suggests nothing when no name is close, or two are equally close', () => {
    assert.equal(nearestName('delivery', OPTIONS), undefined);
    assert.equal(nearestName('x', OPTIONS), undefined);
    assert.equal(nearestName('ab', ['ax', 'xb']), undefined);
    assert.equal(nearestName('anything', []), undefined);
  });
});

describe('unknown option problems', () => {
  it('name the option, the likely fix and every valid option', () => {
    assert.equal(
      unknownOptionProblem('sorce', OPTIONS),
      `unknown option "sorce" (did you mean "source"?); the options are ${OPTIONS.join(', ')}`,
    );
    assert.equal(unknownOptionProblem('zzz', ['a', 'b']), 'unknown option "zzz"; the options are a, b');
    assert.equal(
      unknownAsyncOptionProblem('useFactroy', ['imports', 'useFactory', 'inject']),
      'unknown forRootAsync option "useFactroy" (did you mean "useFactory"?); forRootAsync takes imports, useFactory, inject',
    );
    assert.equal(didYouMean('outbx', new Set(OPTIONS)), ' (did you mean "outbox"?)');
  });
});
