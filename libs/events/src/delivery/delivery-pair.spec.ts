import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DELIVERY_PAIR_ID_PATTERN, buildDeadLetter, deliveryPairId, errorInfo } from './delivery-pair.js';
import { InMemoryInbox } from './in-memory.inbox.js';
import { createDomainEvent } from '../event/domain-event.js';

describe('delivery pair ids', () => {
  it('joins a safe event id and the handler with a dot, which BullMQ accepts as a job id', () => {
    const id = deliveryPairId('0192f1c2-7b3a-7c4d-8e5f-000000000001', 'Welcome.sendEmail');
    assert.equal(id, '0192f1c2-7b3a-7c4d-8e5f-000000000001.Welcome.sendEmail');
    assert.match(id, DELIVERY_PAIR_ID_PATTERN);
    assert.ok(!id.includes(':'));
  });

  it('replaces an event id with unsafe characters by a stable hash', () => {
    const a = deliveryPairId('order:42/v1', 'H.run');
    assert.equal(a, deliveryPairId('order:42/v1', 'H.run'));
    assert.notEqual(a, deliveryPairId('order:43/v1', 'H.run'));
    assert.match(a, /^h[0-9a-f]{40}\.H\.run$/);
    assert.match(a, DELIVERY_PAIR_ID_PATTERN);
  });

  it('describes errors and non-errors as plain data', () => {
    class QuotaError extends Error {
      override readonly name = 'QuotaError';
    }
    const info = errorInfo(new QuotaError('over quota'));
    assert.equal(info.name, 'QuotaError');
    assert.equal(info.message, 'over quota');
    assert.match(info.stack ?? '', /QuotaError: over quota/);
    assert.deepEqual(errorInfo('boom'), { name: 'string', message: 'boom' });
  });

  it('builds a dead letter with ISO times and the pair id', () => {
    const event = createDomainEvent({ type: 'a.b', data: {} });
    const letter = buildDeadLetter({
      event,
      handler: 'H.run',
      queue: 'q',
      error: new Error('x'),
      attempts: 2,
      firstFailedAt: new Date('2026-01-01T00:00:00Z'),
      lastFailedAt: new Date('2026-01-01T00:00:01Z'),
      deadLetteredAt: new Date('2026-01-01T00:00:02Z'),
    });
    assert.equal(letter.id, deliveryPairId(event.id, 'H.run'));
    assert.deepEqual(
      [letter.firstFailedAt, letter.lastFailedAt, letter.deadLetteredAt],
      ['2026-01-01T00:00:00.000Z', '2026-01-01T00:00:01.000Z', '2026-01-01T00:00:02.000Z'],
    );
  });
});

describe('InMemoryInbox', () => {
  it('remembers a pair until its TTL passes', () => {
    const inbox = new InMemoryInbox(1000, 10);
    inbox.remember('a.H', 0);
    assert.equal(inbox.has('a.H', 999), true);
    assert.equal(inbox.has('a.H', 1000), false);
    assert.equal(inbox.has('b.H', 0), false);
  });

  it('forgets the oldest pairs beyond its size', () => {
    const inbox = new InMemoryInbox(1000, 2);
    inbox.remember('a.H', 0);
    inbox.remember('b.H', 0);
    inbox.remember('c.H', 0);
    assert.deepEqual(
      ['a.H', 'b.H', 'c.H'].map((id) => inbox.has(id, 1)),
      [false, true, true],
    );
  });
});
