import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidEventPatternError } from '../errors/handler-registration.error.js';
import { compilePattern, toPatternList } from './event-pattern.js';

describe('compilePattern', () => {
  it('matches an exact type only', () => {
    const p = compilePattern('book.purchased');
    assert.equal(p.matches('book.purchased'), true);
    assert.equal(p.matches('book.purchased.v2'), false);
    assert.equal(p.matches('chapter.purchased'), false);
  });

  it('lets * stand for exactly one segment', () => {
    const p = compilePattern('user.*');
    assert.equal(p.matches('user.registered'), true);
    assert.equal(p.matches('user.logged_in'), true);
    assert.equal(p.matches('user'), false);
    assert.equal(p.matches('user.profile.updated'), false);
    assert.equal(p.matches('users.registered'), false);
    assert.equal(compilePattern('*.purchased').matches('chapter.purchased'), true);
  });

  it('treats a lone * as every event', () => {
    const p = compilePattern('*');
    assert.equal(p.matches('a'), true);
    assert.equal(p.matches('user.profile.updated'), true);
  });

  for (const bad of ['', 'user.', '.user', 'user..x', 'User.Registered', 'user.re*', 'user.#', 'a b']) {
    it(`rejects ${JSON.stringify(bad)} with a message that shows valid forms`, () => {
      assert.throws(
        () => compilePattern(bad),
        (error: unknown) =>
          error instanceof InvalidEventPatternError &&
          error.pattern === bad &&
          /"user\.\*"/.test(error.message) &&
          error.name === 'InvalidEventPatternError',
      );
    });
  }

  it('de-duplicates pattern lists', () => {
    assert.deepEqual(toPatternList(['a.b', 'a.b', 'c.*']), ['a.b', 'c.*']);
    assert.deepEqual(toPatternList('a.b'), ['a.b']);
  });
});
