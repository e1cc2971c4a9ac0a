import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createDomainEvent, EventCatalog, type DomainEvent } from '@webnovel/events';
import type { Redis } from 'ioredis';
import { InvalidRecentEventCacheRequestError } from './errors/invalid-recent-event-cache-request.error.js';
import { InvalidRedisRecentEventCacheOptionsError } from './errors/invalid-redis-recent-event-cache-options.error.js';
import { RecentEventCacheClosedError } from './errors/recent-event-cache-closed.error.js';
import { FAIL_FAST_REDIS_OPTIONS, redisRecentEventCacheOptionsProblems } from './redis-recent-event-cache.options.js';
import { RedisRecentEventCache } from './redis-recent-event.cache.js';

// No server here: owned clients point at a closed port and are lazy, so a test that reaches Redis would fail loudly.
const UNREACHABLE = 'redis://127.0.0.1:1';

/** A stand-in client that records calls and never connects. */
function fakeClient() {
  const calls: string[] = [];
  const client = {
    status: 'ready',
    multi: () => void calls.push('multi'),
    lrange: async () => void calls.push('lrange'),
    quit: async () => void calls.push('quit'),
    disconnect: () => void calls.push('disconnect'),
    on: () => client,
  };
  return { client: client as unknown as Redis, calls };
}

const problemsOf = (fn: () => unknown): readonly string[] => {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof InvalidRedisRecentEventCacheOptionsError);
    return error.problems;
  }
  assert.fail('expected InvalidRedisRecentEventCacheOptionsError');
};

describe('RedisRecentEventCache options', () => {
  it('accepts no options, a client or a URL, and the bounds of each number', () => {
    assert.deepEqual(redisRecentEventCacheOptionsProblems({}), []);
    assert.deepEqual(redisRecentEventCacheOptionsProblems({ client: fakeClient().client, keyPrefix: 'app:recent:' }), []);
    assert.deepEqual(
      redisRecentEventCacheOptionsProblems({ url: 'rediss://user:pw@cache.internal:6380/2', catalog: new EventCatalog([]) }),
      [],
    );
    for (const maxPerType of [1, 10_000]) assert.deepEqual(redisRecentEventCacheOptionsProblems({ maxPerType }), []);
    for (const ttlSeconds of [1, 2_147_483_647]) assert.deepEqual(redisRecentEventCacheOptionsProblems({ ttlSeconds }), []);
  });

  it('lists every problem in one typed error whose message says how to fix each', () => {
    let caught: unknown;
    try {
      new RedisRecentEventCache({
        client: fakeClient().client,
        url: 'http://127.0.0.1:6379',
        keyPrefix: 'events recent:',
        maxPerType: 0,
        ttlSeconds: 1.5,
        catalog: {},
        maxPerTYpe: 5,
      } as never);
    } catch (error) {
      caught = error;
    }
    assert.ok(caught instanceof InvalidRedisRecentEventCacheOptionsError);
    assert.equal(caught.name, 'InvalidRedisRecentEventCacheOptionsError');
    assert.equal(caught.problems.length, 7);
    assert.match(caught.message, /^RedisRecentEventCache options are invalid \(7 problems\):\n {2}- /);
    assert.match(
      caught.message,
      /unknown option "maxPerTYpe" \(did you mean "maxPerType"\?\); the options are client, url, keyPrefix, maxPerType, ttlSeconds, catalog/,
    );
    assert.match(caught.message, /pass "client" \(an ioredis client you own\) or "url" \(the cache then owns its client\), not both/);
    assert.match(
      caught.message,
      /url must be a redis:\/\/ or rediss:\/\/ URL such as "redis:\/\/127\.0\.0\.1:6379", got "http:\/\/127\.0\.0\.1:6379"/,
    );
    assert.match(caught.message, /keyPrefix must be a non-empty string .* without spaces or control characters, .* got "events recent:"/);
    assert.match(caught.message, /maxPerType must be an integer from 1 to 10000, got number 0/);
    assert.match(caught.message, /ttlSeconds must be an integer from 1 to 2147483647, got number 1\.5/);
    assert.match(
      caught.message,
      /catalog must be an EventCatalog \(an object with get\(type, version\)\), got an object \(Object\); build one with new EventCatalog/,
    );
  });

  it('rejects a non-object, a client without multi(), a malformed URL and out-of-range numbers', () => {
    assert.deepEqual(
      problemsOf(() => new RedisRecentEventCache(null as never)),
      ['options must be an object'],
    );
    assert.deepEqual(
      problemsOf(() => new RedisRecentEventCache({ client: {} as Redis })),
      ['client must be an ioredis Redis instance (an object with multi() and lrange())'],
    );
    for (const url of ['', '127.0.0.1:6379', 'redis://', 42]) {
      assert.match(problemsOf(() => new RedisRecentEventCache({ url } as never))[0]!, /^url must be a redis:\/\/ or rediss:\/\/ URL/);
    }
    for (const keyPrefix of ['', 'a\nb', 'x'.repeat(201), 7]) {
      assert.match(problemsOf(() => new RedisRecentEventCache({ keyPrefix } as never))[0]!, /^keyPrefix must be a non-empty string/);
    }
    assert.deepEqual(
      problemsOf(() => new RedisRecentEventCache({ maxPerType: 10_001, ttlSeconds: '60' } as never)),
      ['maxPerType must be an integer from 1 to 10000, got number 10001', 'ttlSeconds must be an integer from 1 to 2147483647, got "60"'],
    );
  });

  it('makes owned clients fail fast instead of queueing commands while Redis is down', () => {
    const cache = new RedisRecentEventCache({ url: UNREACHABLE });
    assert.equal(cache.client.options.enableOfflineQueue, false);
    assert.equal(cache.client.options.maxRetriesPerRequest, 1);
    assert.equal(cache.client.options.commandTimeout, FAIL_FAST_REDIS_OPTIONS.commandTimeout);
    assert.equal(cache.client.status, 'wait', 'nothing connects before the first call');
    assert.equal(cache.keyFor('book.purchased'), 'events:recent:book.purchased');
    cache.client.disconnect();
  });
});

describe('RedisRecentEventCache calls without a server', () => {
  const event = createDomainEvent({ type: 'book.purchased', data: { n: 1 } });

  it('rejects a bad type or limit with every problem, before touching Redis', async () => {
    const cache = new RedisRecentEventCache({ url: UNREACHABLE, maxPerType: 20 });
    await assert.rejects(cache.recent('Book Purchased', 0), (error: unknown) => {
      assert.ok(error instanceof InvalidRecentEventCacheRequestError);
      assert.equal(error.name, 'InvalidRecentEventCacheRequestError');
      assert.equal(error.operation, 'recent');
      assert.deepEqual(error.problems, [
        'type must be dot-separated lower-case segments of letters, digits and "_", such as "book.purchased", got "Book Purchased"',
        'limit must be an integer from 1 to 20 (maxPerType: the cache keeps no more per type), got number 0',
      ]);
      assert.match(error.message, /^RedisRecentEventCache\.recent: invalid arguments \(2 problems\); Redis was not called:/);
      return true;
    });
    await assert.rejects(cache.recent('book.purchased', 21), /limit must be an integer from 1 to 20 .*got number 21/);
    await assert.rejects(cache.recent('book.purchased', 2.5), /got number 2\.5/);
    await assert.rejects(cache.recent('events:recent:*' as string), /type must be .* got "events:recent:\*"/);
    await assert.rejects(
      cache.add({ ...event, type: 'book.*' } as DomainEvent),
      /^InvalidRecentEventCacheRequestError: RedisRecentEventCache\.add: invalid arguments \(1 problem\); Redis was not called:\n {2}- event\.type must be .* got "book\.\*"/,
    );
    await assert.rejects(
      cache.add(null as never),
      /event must be a DomainEvent built with createDomainEvent\(\) or a catalog factory, got null/,
    );
    assert.equal(cache.client.status, 'wait', 'no call reached Redis');
    await cache.close();
  });

  it('closes a client it created once, without connecting, and refuses later calls', async () => {
    const cache = new RedisRecentEventCache({ url: UNREACHABLE });
    let disconnects = 0;
    const disconnect = cache.client.disconnect.bind(cache.client);
    cache.client.disconnect = ((reconnect?: boolean) => {
      disconnects++;
      disconnect(reconnect);
    }) as typeof cache.client.disconnect;
    await Promise.all([cache.close(), cache.close()]);
    await cache.close();
    assert.equal(disconnects, 1);
    assert.equal(cache.client.status, 'end');
    await assert.rejects(cache.add(event), (error: unknown) => {
      assert.ok(error instanceof RecentEventCacheClosedError);
      assert.match(
        error.message,
        /^RedisRecentEventCache\.add: the cache is closed\. close\(\) is final; create a new RedisRecentEventCache/,
      );
      return true;
    });
    await assert.rejects(cache.recent('book.purchased'), { name: 'RecentEventCacheClosedError', operation: 'recent' });
  });

  it('leaves a client it was given open on close()', async () => {
    const { client, calls } = fakeClient();
    await new RedisRecentEventCache({ client }).close();
    assert.deepEqual(calls, []);
  });
});
