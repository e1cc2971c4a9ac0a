import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { connect, createServer, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createDomainEvent, defineEvent, EventCatalog, eventFactory, type DomainEvent } from '@webnovel/events';
import { TcpProxy, waitFor, withTimeout } from '@webnovel/testing';
import { Type } from 'class-transformer';
import { Redis } from 'ioredis';
import { InvalidRecentEventCacheRequestError } from './errors/invalid-recent-event-cache-request.error.js';
import { RecentEventCacheUnavailableError } from './errors/recent-event-cache-unavailable.error.js';
import { UndecodableRecentEventError } from './errors/undecodable-recent-event.error.js';
import { FAIL_FAST_REDIS_OPTIONS, type RedisRecentEventCacheOptions } from './redis-recent-event-cache.options.js';
import { RedisRecentEventCache } from './redis-recent-event.cache.js';

// Runs against the local Redis. Every cache gets its own random key prefix; all its keys are deleted at the end.
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const REDIS_HOST = new URL(REDIS_URL).hostname;
const REDIS_PORT = Number(new URL(REDIS_URL).port || 6379);
/** Longer than any fail-fast path needs (about 3 s for a server that never answers), far shorter than a hang. */
const FAIL_FAST_BOUND_MS = 5_000;

const admin = new Redis(REDIS_URL, { maxRetriesPerRequest: 1, connectTimeout: 5_000 });
const prefixes: string[] = [];
const caches: RedisRecentEventCache[] = [];

function openCache(options: RedisRecentEventCacheOptions = {}): RedisRecentEventCache {
  const keyPrefix = `test:events-redis:${randomBytes(6).toString('hex')}:`;
  prefixes.push(keyPrefix);
  const cache = new RedisRecentEventCache({ url: options.client ? undefined : REDIS_URL, keyPrefix, ...options });
  caches.push(cache);
  return cache;
}

async function keysUnder(prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await admin.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  return keys;
}

const event = (type = 'book.purchased', n = 0): DomainEvent => createDomainEvent({ type, data: { n }, source: 'svc' });

before(async () => {
  assert.equal(await admin.ping(), 'PONG', `Redis must be running at ${REDIS_URL}`);
});

after(async () => {
  for (const cache of caches) await cache.close();
  for (const prefix of prefixes) {
    const keys = await keysUnder(prefix);
    if (keys.length > 0) await admin.del(...keys);
  }
  await admin.quit();
});

describe('RedisRecentEventCache against Redis', () => {
  it('keeps the last maxPerType events of a type, newest first', async () => {
    const cache = openCache({ maxPerType: 5 });
    const added: DomainEvent[] = [];
    for (let n = 0; n < 15; n++) {
      const e = event('book.purchased', n);
      added.push(e);
      await cache.add(e);
    }
    const newestFirst = added.slice(-5).reverse();
    const recent = await cache.recent('book.purchased');
    assert.deepEqual(
      recent.map((e) => e.id),
      newestFirst.map((e) => e.id),
    );
    assert.deepEqual(recent[0], newestFirst[0], 'the envelope comes back as it went in, occurredAt a Date again');
    assert.ok(Object.isFrozen(recent[0]));
    assert.equal(await admin.llen(cache.keyFor('book.purchased')), 5, 'the list itself is trimmed, not only the read');
    assert.deepEqual(
      (await cache.recent('book.purchased', 2)).map((e) => e.id),
      newestFirst.slice(0, 2).map((e) => e.id),
    );
    assert.deepEqual(await cache.recent('never.published'), []);
  });

  it('sets the TTL on every add, so an active type keeps living and an idle one expires', async () => {
    const cache = openCache({ ttlSeconds: 120 });
    const key = cache.keyFor('user.registered');
    await cache.add(event('user.registered'));
    const ttl = await admin.ttl(key);
    assert.ok(ttl > 0 && ttl <= 120, `TTL of ${key} is ${ttl}`);
    await admin.expire(key, 5);
    await cache.add(event('user.registered'));
    assert.ok((await admin.ttl(key)) > 5, 'the next add renews the TTL');
  });

  it('keeps types apart', async () => {
    const cache = openCache();
    const books = [event('book.purchased', 1), event('book.purchased', 2)];
    const users = [event('user.registered', 1)];
    await cache.add(books[0]!);
    await cache.add(users[0]!);
    await cache.add(books[1]!);
    assert.deepEqual(
      (await cache.recent('book.purchased')).map((e) => e.id),
      [books[1]!.id, books[0]!.id],
    );
    assert.deepEqual(
      (await cache.recent('user.registered')).map((e) => e.id),
      [users[0]!.id],
    );
    assert.deepEqual((await cache.recent('book')).length, 0, 'a type is its own key, not a prefix of others');
  });

  it('revives payload class instances and their Dates with a catalog, and plain JSON without one', async () => {
    class BookShipped {
      order_id: string;
      @Type(() => Date) shipped_at: Date;
    }
    const definition = defineEvent({ type: 'book.shipped', payload: BookShipped });
    const shipped = eventFactory(definition)({ order_id: 'o-1', shipped_at: new Date('2026-01-02T03:04:05.678Z') });
    const writer = openCache({ catalog: new EventCatalog([definition]) });
    await writer.add(shipped);

    const [revived] = await writer.recent('book.shipped');
    assert.ok(revived!.data instanceof BookShipped);
    assert.ok(revived!.data.shipped_at instanceof Date);
    assert.equal(revived!.data.shipped_at.toISOString(), '2026-01-02T03:04:05.678Z');
    assert.ok(revived!.occurredAt instanceof Date);
    assert.equal(revived!.occurredAt.getTime(), shipped.occurredAt.getTime());

    const reader = new RedisRecentEventCache({ url: REDIS_URL, keyPrefix: prefixes[prefixes.length - 1] });
    caches.push(reader);
    const [plain] = await reader.recent('book.shipped');
    assert.ok(!(plain!.data instanceof BookShipped));
    assert.deepEqual(plain!.data, { order_id: 'o-1', shipped_at: '2026-01-02T03:04:05.678Z' });
  });

  it('rejects a bad type or limit with a clear message and writes nothing', async () => {
    const cache = openCache({ maxPerType: 10 });
    await assert.rejects(cache.add({ ...event(), type: 'Book.Purchased' } as DomainEvent), (error: unknown) => {
      assert.ok(error instanceof InvalidRecentEventCacheRequestError);
      assert.match(error.message, /RedisRecentEventCache\.add: .*Redis was not called/);
      assert.match(
        error.message,
        /event\.type must be dot-separated lower-case segments .* such as "book\.purchased", got "Book\.Purchased"/,
      );
      return true;
    });
    await assert.rejects(cache.recent('book.purchased', 11), /limit must be an integer from 1 to 10 \(maxPerType/);
    await assert.rejects(cache.recent('book purchased'), /type must be dot-separated lower-case segments/);
    assert.deepEqual(await keysUnder(prefixes[prefixes.length - 1]!), []);
  });

  it('reports a Redis error and an entry it cannot decode, naming the key and how to fix it', async () => {
    const cache = openCache();
    await admin.set(cache.keyFor('a.string'), 'not a list');
    await assert.rejects(cache.add(event('a.string')), (error: unknown) => {
      assert.ok(error instanceof RecentEventCacheUnavailableError);
      assert.equal(error.key, cache.keyFor('a.string'));
      assert.match(error.message, /^RedisRecentEventCache\.add on ".*a\.string" failed: WRONGTYPE/);
      return true;
    });
    await admin.lpush(cache.keyFor('a.corrupt'), '{"id":');
    await assert.rejects(cache.recent('a.corrupt'), (error: unknown) => {
      assert.ok(error instanceof UndecodableRecentEventError);
      assert.equal(error.index, 0);
      assert.ok(error.cause instanceof SyntaxError);
      assert.match(error.message, /entry 0 of ".*a\.corrupt" is not an event this cache can read .* delete it \(DEL .*a\.corrupt\)/);
      return true;
    });
  });

  it('leaves a client it was given open on close(), and quits one it created', async () => {
    const client = new Redis(REDIS_URL, { ...FAIL_FAST_REDIS_OPTIONS });
    const given = openCache({ client });
    await given.add(event());
    await given.close();
    assert.equal(await client.ping(), 'PONG');
    await client.quit();

    const owned = openCache();
    await owned.add(event());
    await Promise.all([owned.close(), owned.close()]);
    await waitFor(() => owned.client.status === 'end', { timeoutMs: 2_000, description: 'the owned client to end' });
  });
});

describe('RedisRecentEventCache when Redis is unreachable', () => {
  const rejectsPromptly = (promise: Promise<unknown>, what: string) =>
    withTimeout(assert.rejects(promise, RecentEventCacheUnavailableError), FAIL_FAST_BOUND_MS, what);

  it('rejects add and recent promptly when nothing listens, with an owned client', async () => {
    const cache = openCache({ url: 'redis://127.0.0.1:1' });
    await rejectsPromptly(cache.add(event()), 'the first add (connection refused)');
    await rejectsPromptly(cache.add(event()), 'an add while ioredis reconnects');
    await rejectsPromptly(cache.recent('book.purchased'), 'a recent while ioredis reconnects');
    await withTimeout(cache.close(), 1_000, 'close of a cache whose Redis is down');
  });

  it('rejects promptly through a client built with FAIL_FAST_REDIS_OPTIONS', async () => {
    const client = new Redis('redis://127.0.0.1:1', { ...FAIL_FAST_REDIS_OPTIONS });
    client.on('error', () => undefined);
    const cache = openCache({ client });
    await rejectsPromptly(cache.add(event()), 'add through the given client');
    client.disconnect();
  });

  it('rejects promptly when the server accepts connections but never answers', async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => void sockets.add(socket.on('error', () => undefined)));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    const cache = openCache({ url: `redis://127.0.0.1:${port}` });
    try {
      await rejectsPromptly(cache.add(event()), 'add to a server that never answers');
    } finally {
      await cache.close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('rejects promptly when a connected Redis stops answering', async () => {
    // Forwards to Redis until frozen, then swallows requests: a server that hangs without closing the connection.
    const requests = new Set<Socket>();
    const hanging = createServer((client) => {
      const upstream = connect(REDIS_PORT, REDIS_HOST);
      requests.add(client);
      for (const socket of [client, upstream]) {
        socket.on('error', () => undefined);
        socket.on('close', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const cache = openCache({ url: `redis://127.0.0.1:${(hanging.address() as { port: number }).port}` });
    try {
      await cache.add(event('hang.test'));
      for (const client of requests) client.unpipe().pause();
      await rejectsPromptly(cache.add(event('hang.test')), 'add to a Redis that stopped answering');
      await assert.rejects(cache.recent('hang.test'), /Command timed out/);
    } finally {
      await cache.close();
      for (const client of requests) client.destroy();
      await new Promise<void>((resolve) => hanging.close(() => resolve()));
    }
  });

  it('fails during an outage and works again once Redis is back', async () => {
    const proxy = new TcpProxy(REDIS_PORT, REDIS_HOST);
    const port = await proxy.start();
    const cache = openCache({ url: `redis://127.0.0.1:${port}` });
    try {
      await cache.add(event('outage.test', 1));
      proxy.cut();
      await rejectsPromptly(cache.add(event('outage.test', 2)), 'add during the outage');
      proxy.restore();
      const recovered = event('outage.test', 3);
      await waitFor(() => cache.add(recovered).then(() => true), { timeoutMs: 10_000, description: 'an add to succeed after the outage' });
      assert.equal((await cache.recent('outage.test', 1))[0]!.id, recovered.id);
    } finally {
      await cache.close();
      await proxy.stop();
    }
  });
});
