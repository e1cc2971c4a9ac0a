import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ActivityEntry } from './activity-log.repository.js';
import { InMemoryActivityLogRepository } from './in-memory-activity-log.repository.js';

const entry = (eventId: string, minute: number, userId = 'u1'): ActivityEntry => ({
  eventId,
  type: 'user.logged_in',
  userId,
  occurredAt: new Date(Date.UTC(2025, 2, 1, 12, minute)),
  correlationId: eventId,
});

describe('InMemoryActivityLogRepository', () => {
  it('returns a user’s entries newest first, limited, even when they arrived out of order', async () => {
    const log = new InMemoryActivityLogRepository();
    for (const e of [entry('a', 1), entry('c', 3), entry('b', 2), entry('x', 9, 'u2'), entry('d', 4)]) await log.append(e);
    assert.deepEqual(
      (await log.findByUser('u1', 10)).map((e) => e.eventId),
      ['d', 'c', 'b', 'a'],
    );
    assert.deepEqual(
      (await log.findByUser('u1', 2)).map((e) => e.eventId),
      ['d', 'c'],
    );
    assert.deepEqual(await log.findByUser('nobody', 5), []);
  });

  it('ignores a redelivered event', async () => {
    const log = new InMemoryActivityLogRepository();
    assert.equal(await log.append(entry('a', 1)), true);
    assert.equal(await log.append(entry('a', 1)), false);
    assert.equal((await log.findByUser('u1', 10)).length, 1);
  });
});
