import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { runPaced, runWindowed } from './load.js';

describe('runWindowed', () => {
  it('runs every index once with at most `concurrency` calls in flight', async () => {
    const seen: number[] = [];
    let inFlight = 0;
    let most = 0;
    await runWindowed(25, 4, async (i) => {
      most = Math.max(most, ++inFlight);
      await sleep(1);
      seen.push(i);
      inFlight--;
    });
    assert.deepEqual(
      seen.sort((a, b) => a - b),
      Array.from({ length: 25 }, (_, i) => i),
    );
    assert.equal(most, 4);
  });

  it('starts nothing new after a failure and rejects with it', async () => {
    let calls = 0;
    const boom = new Error('boom');
    await assert.rejects(
      runWindowed(100, 2, async (i) => {
        calls++;
        await sleep(1);
        if (i === 3) throw boom;
      }),
      boom,
    );
    assert.ok(calls < 10, `${calls} calls`);
  });
});

describe('runPaced', () => {
  it('starts rate × duration calls without waiting for earlier ones and times each', async () => {
    let inFlight = 0;
    let most = 0;
    const run = await runPaced(2_000, 50, async () => {
      most = Math.max(most, ++inFlight);
      await sleep(5);
      inFlight--;
    });
    assert.equal(run.operations, 100);
    assert.equal(run.latency.samples, 100);
    assert.ok(run.latency.p50 >= 4_000, `p50 ${run.latency.p50} µs`);
    assert.ok(most > 1, 'open loop: calls overlap');
  });

  it('rejects with the first failure after every call settled', async () => {
    const boom = new Error('boom');
    await assert.rejects(
      runPaced(1_000, 10, async (i) => {
        if (i === 2) throw boom;
      }),
      boom,
    );
  });
});
