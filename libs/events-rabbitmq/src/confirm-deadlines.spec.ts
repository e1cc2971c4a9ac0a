import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfirmDeadlines } from './confirm-deadlines.js';

const never = new Promise<void>(() => undefined);
const expired = () => new Error('expired');

describe('ConfirmDeadlines', () => {
  it('settles like the work when it settles in time, value or error', async () => {
    const deadlines = new ConfirmDeadlines(1_000, expired);
    assert.equal(await deadlines.within(Promise.resolve(7), performance.now()), 7);
    await assert.rejects(deadlines.within(Promise.reject(new Error('nack')), performance.now()), /nack/);
  });

  it('fails only the publishes whose time is up, each with its own error, oldest first', async () => {
    const deadlines = new ConfirmDeadlines(30, expired);
    const order: string[] = [];
    const first = deadlines.within(never, performance.now()).catch((error: Error) => order.push(`first ${error.message}`));
    const confirmed = deadlines.within(Promise.resolve('ok'), performance.now());
    await new Promise((resolve) => setTimeout(resolve, 10));
    const second = deadlines.within(never, performance.now()).catch((error: Error) => order.push(`second ${error.message}`));
    assert.equal(await confirmed, 'ok');
    await first;
    assert.deepEqual(order, ['first expired']);
    await second;
    assert.deepEqual(order, ['first expired', 'second expired']);
  });

  it('ignores a confirm that arrives after the deadline, and keeps working afterwards', async () => {
    const deadlines = new ConfirmDeadlines(10, expired);
    let confirm!: () => void;
    const late = deadlines.within(new Promise<void>((resolve) => (confirm = resolve)), performance.now());
    await assert.rejects(late, /expired/);
    confirm();
    assert.equal(await deadlines.within(Promise.resolve(1), performance.now()), 1);
  });
});
