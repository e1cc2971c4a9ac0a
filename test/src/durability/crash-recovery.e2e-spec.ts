import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { waitFor, withTimeout } from '@webnovel/testing';
import { PostgresEventStore } from '@webnovel/events-postgres';
import pg from 'pg';

const connectionString = process.env.POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const child = fileURLToPath(new URL('./crash-child.js', import.meta.url));
const table = `events_crash_${process.pid}_${Date.now().toString(36)}`;

function start(mode: 'crash' | 'recover'): ChildProcess {
  return fork(child, [mode, table], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

function nextMessage<T>(proc: ChildProcess, key: string): Promise<T> {
  return withTimeout(
    new Promise<T>((resolve, reject) => {
      proc.on('message', (m: Record<string, unknown>) => {
        if (m && typeof m === 'object' && 'error' in m) reject(new Error(String(m.error)));
        if (m && typeof m === 'object' && key in m) resolve(m as T);
      });
    }),
    20_000,
    `the child's "${key}" message`,
  );
}

describe('crash between append and dispatch', () => {
  const pool = new pg.Pool({ connectionString, max: 2 });
  const store = new PostgresEventStore({ pool, table });

  before(async () => {
    await store.ensureSchema();
    await pool.query(`CREATE TABLE ${table}_received (handler text NOT NULL, event_id text NOT NULL)`);
  });
  after(async () => {
    await pool.query(`DROP TABLE IF EXISTS ${table}_received`);
    await store.dropSchema();
    await pool.end();
  });

  it('loses nothing: after a SIGKILL and a restart each handler gets the event exactly once', async () => {
    const victim = start('crash');
    const { appended } = await nextMessage<{ appended: string }>(victim, 'appended');
    victim.kill('SIGKILL');
    const [, signal] = await once(victim, 'exit');
    assert.equal(signal, 'SIGKILL');

    const logged = await store.getById(appended);
    assert.equal(logged?.dispatchStatus, 'pending', 'the event was logged but never dispatched');
    assert.equal((await pool.query(`SELECT 1 FROM ${table}_received`)).rowCount, 0);

    const survivor = start('recover');
    await nextMessage(survivor, 'ready');
    try {
      await waitFor(async () => (await store.getById(appended))?.dispatchStatus === 'dispatched', {
        timeoutMs: 15_000,
        description: 'the relay to dispatch the event',
      });
      await waitFor(async () => (await pool.query(`SELECT 1 FROM ${table}_received`)).rowCount === 2, {
        timeoutMs: 15_000,
        description: 'both receipts',
      });
      // Another full relay pass must find nothing left to do.
      survivor.send('relay');
      assert.deepEqual(await nextMessage(survivor, 'dispatched'), { dispatched: 0, failed: 0 });
      const rows = (await pool.query(`SELECT handler, event_id FROM ${table}_received ORDER BY handler`)).rows;
      assert.deepEqual(rows, [
        { handler: 'async', event_id: appended },
        { handler: 'sync', event_id: appended },
      ]);
    } finally {
      survivor.send('close');
      await once(survivor, 'exit');
    }
  });
});
