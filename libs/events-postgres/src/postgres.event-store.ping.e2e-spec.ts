import { TcpProxy, waitFor, withTimeout } from '@webnovel/testing';
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { PostgresEventStore } from './postgres.event-store.js';

// The local PostgreSQL (database `test`, trust auth), reached through a proxy that a test can cut. The store never
// touches its table here, so none is created.
const host = process.env.POSTGRES_HOST ?? '127.0.0.1';
const port = Number(process.env.POSTGRES_PORT ?? 5432);
/** Refused connections fail at once; this bounds scheduling and the pool's own bookkeeping. */
const REJECT_WITHIN_MS = 3000;

describe('PostgresEventStore.ping (e2e)', () => {
  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  after(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function throughProxy() {
    const proxy = new TcpProxy(port, host);
    const proxyPort = await proxy.start();
    cleanups.push(() => proxy.stop());
    const store = new PostgresEventStore({ connectionString: `postgres://postgres@127.0.0.1:${proxyPort}/test` });
    cleanups.push(() => store.close());
    return { proxy, store };
  }

  it('answers while the server does, rejects fast while it is unreachable, and answers again once it is back', async (t) => {
    const { proxy, store } = await throughProxy();
    await store.ping();
    proxy.cut();
    for (let i = 0; i < 3; i++) {
      const startedAt = performance.now();
      const error = await withTimeout(
        store.ping().then(
          () => assert.fail('ping resolved while PostgreSQL was unreachable'),
          (e: unknown) => e as Error,
        ),
        REJECT_WITHIN_MS,
        'ping to reject while PostgreSQL is unreachable',
      );
      t.diagnostic(`ping ${i + 1} rejected after ${(performance.now() - startedAt).toFixed(0)} ms: ${error.message}`);
    }
    proxy.restore();
    await waitFor(() => store.ping().then(() => true), { timeoutMs: 10_000, description: 'ping to answer after the outage' });
  });

  it('rejects once the store has closed the pool it owns', async () => {
    const { store } = await throughProxy();
    await store.ping();
    await store.close();
    await assert.rejects(store.ping(), /Cannot use a pool after calling end on the pool/);
  });
});
