import 'reflect-metadata';
import { Injectable, type CanActivate } from '@nestjs/common';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidEventsAdminOptionsError } from './errors/invalid-events-admin-options.error.js';
import {
  apiKeyProblems,
  eventsAdminAsyncOptionsProblems,
  eventsAdminOptionsProblems,
  normalizeAdminPath,
  resolveEventsAdminOptions,
} from './events-admin.options.js';

@Injectable()
class AdminGuard implements CanActivate {
  canActivate(): boolean {
    return true;
  }
}
class NotAGuard {}

const KEY = 'a-perfectly-fine-key-0123';

describe('EventsAdminModule options', () => {
  it('accepts no options, keys, a guard, a header and the usual path spellings', () => {
    assert.deepEqual(eventsAdminOptionsProblems({}), []);
    assert.deepEqual(eventsAdminOptionsProblems({ apiKeys: KEY }), []);
    assert.deepEqual(eventsAdminOptionsProblems({ apiKeys: [KEY, `${KEY}-next`], apiKeyHeader: 'X-Ops-Key', path: '/ops/dlq/' }), []);
    assert.deepEqual(eventsAdminOptionsProblems({ guard: AdminGuard, path: 'v1.admin/events_x~y' }), []);
    assert.equal(normalizeAdminPath(undefined), 'admin/events');
    assert.equal(normalizeAdminPath('/ops/dlq/'), 'ops/dlq');
    assert.equal(normalizeAdminPath('admin'), 'admin');
  });

  it('lists every problem, in order, without ever showing a key', () => {
    const problems = eventsAdminOptionsProblems({
      path: 'admin/:id',
      apiKeys: ['', 'short-secret', ' padded-key-with-space ', 42],
      apiKeyHeader: 'x api key',
      guard: NotAGuard,
      apikeys: KEY,
    });
    assert.deepEqual(problems, [
      'unknown option "apikeys" (did you mean "apiKeys"?); the options are path, apiKeys, apiKeyHeader, guard',
      'path must be a route prefix of at most 200 characters made of URL-safe segments (letters, digits, "-", "_", "." and "~") ' +
        'separated by "/", such as "admin/events", without parameters, wildcards or empty segments; got "admin/:id"',
      'apiKeys[0] is empty (an unset environment variable?); set it to a random key, or drop it from apiKeys',
      'apiKeys[1] is 12 characters long; use at least 16 random characters, such as the output of `openssl rand -hex 32`',
      'apiKeys[2] must be printable ASCII without leading or trailing spaces: HTTP trims header values and mangles other characters, ' +
        'so such a key could never match',
      'apiKeys[3] must be a string, got a number',
      'apiKeyHeader must be an HTTP header name (letters, digits and "-"), such as "x-api-key", got "x api key"',
      'guard must be a guard class (a class with a canActivate() method, such as `class AdminGuard implements CanActivate`), ' +
        'got function NotAGuard',
      'pass either apiKeys or guard, not both: the admin API authenticates one way, and a guard silently overriding keys ' +
        'would hide which one protects it. To require a key as well, check it inside your guard',
    ]);
    for (const secret of ['short-secret', 'padded-key-with-space', KEY, '42']) {
      assert.ok(!problems.join('\n').includes(secret), `a problem shows the key ${secret}`);
    }
  });

  it('refuses a key set that cannot work: a single short or empty key, [], a non-string', () => {
    assert.deepEqual(apiKeyProblems('abc', undefined), [
      'apiKeys is 3 characters long; use at least 16 random characters, such as the output of `openssl rand -hex 32`',
    ]);
    assert.deepEqual(apiKeyProblems('', undefined), [
      'apiKeys is empty (an unset environment variable?); set it to a random key, or drop it from apiKeys',
    ]);
    assert.deepEqual(apiKeyProblems([], undefined), [
      'apiKeys must hold at least one key; to leave the admin API disabled, omit apiKeys rather than passing []',
    ]);
    assert.deepEqual(apiKeyProblems({ key: KEY }, undefined), ['apiKeys must be a string or an array of strings, got an object']);
    assert.deepEqual(apiKeyProblems('é'.repeat(20), undefined), [
      'apiKeys must be printable ASCII without leading or trailing spaces: HTTP trims header values and mangles other characters, ' +
        'so such a key could never match',
    ]);
    assert.deepEqual(apiKeyProblems('x'.repeat(16), 'x-ops-key'), []);
  });

  it('refuses paths that are empty, parameterised, wildcarded, dotted or too long', () => {
    for (const path of ['', '/', 'admin//events', 'admin/*', 'admin/../events', 'admin events', 'a'.repeat(201), 7, null]) {
      assert.equal(normalizeAdminPath(path), undefined, `accepted ${JSON.stringify(path)}`);
      assert.match(eventsAdminOptionsProblems({ path })[0]!, /^path must be a route prefix/);
    }
    assert.deepEqual(eventsAdminOptionsProblems(null), ['options must be an object, got null']);
    assert.deepEqual(eventsAdminOptionsProblems([KEY]), ['options must be an object, got an array']);
  });

  it('checks forRootAsync extras and the factory result apart, pointing a factory-returned path to forRootAsync', () => {
    assert.deepEqual(eventsAdminAsyncOptionsProblems('ops', ['path'], { apiKeys: KEY }), []);
    assert.deepEqual(eventsAdminAsyncOptionsProblems(undefined, ['isGlobal'], { path: 'ops', apiKeys: KEY, header: 'x' }), [
      'unknown forRootAsync option "isGlobal"; forRootAsync takes path, imports, useFactory, inject, useClass, useExisting, provideInjectionTokensFrom',
      'path was returned by the forRootAsync factory, but routes are mounted before the factory runs; ' +
        'pass it to forRootAsync({ path, useFactory }) itself',
      'unknown option "header"; the options are apiKeys, apiKeyHeader, guard',
    ]);
    assert.deepEqual(eventsAdminAsyncOptionsProblems('a b', [], undefined), [
      'path must be a route prefix of at most 200 characters made of URL-safe segments (letters, digits, "-", "_", "." and "~") ' +
        'separated by "/", such as "admin/events", without parameters, wildcards or empty segments; got "a b"',
      'options must be an object, got undefined',
    ]);
  });

  it('resolves defaults, or throws one error naming the method and every problem', () => {
    assert.deepEqual(resolveEventsAdminOptions({ method: 'forRoot', given: { apiKeys: KEY, apiKeyHeader: 'X-Ops-Key' } }, {}), {
      method: 'forRoot',
      path: 'admin/events',
      apiKeys: [KEY],
      apiKeyHeader: 'x-ops-key',
      guard: undefined,
    });
    assert.deepEqual(resolveEventsAdminOptions({ method: 'forRootAsync', path: '/ops/', extraKeys: ['path'] }, { guard: AdminGuard }), {
      method: 'forRootAsync',
      path: 'ops',
      apiKeys: [],
      apiKeyHeader: 'x-api-key',
      guard: AdminGuard,
    });
    assert.throws(
      () => resolveEventsAdminOptions({ method: 'forRootAsync', path: undefined, extraKeys: [] }, { apiKeys: ['tiny'], guard: AdminGuard }),
      (error: unknown) => {
        assert.ok(error instanceof InvalidEventsAdminOptionsError);
        assert.equal(error.name, 'InvalidEventsAdminOptionsError');
        assert.equal(error.problems.length, 2);
        assert.match(
          error.message,
          /^EventsAdminModule\.forRootAsync\(\) options are invalid \(2 problems\):\n {2}- apiKeys\[0\] is 4 characters long/,
        );
        assert.match(error.message, /\n {2}- pass either apiKeys or guard, not both/);
        assert.ok(!error.message.includes('tiny'));
        return true;
      },
    );
  });
});
