import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  EVENT_ORDER_SORT,
  toCleanupFilter,
  toExpiredFilter,
  toMarkDispatched,
  toMongoFilter,
  toMongoSort,
  toUndispatchedFilter,
  UNDISPATCHED_SORT,
} from './mongo-query.js';

const t1 = new Date('2026-01-01T00:00:00.000Z');
const t2 = new Date('2026-02-01T00:00:00.000Z');

describe('toMongoFilter', () => {
  it('selects everything for an empty filter', () => {
    assert.deepEqual(toMongoFilter({}), {});
  });

  it('maps types to $in on event_type, copying the caller array', () => {
    const types = ['user.registered', 'book.purchased'];
    const filter = toMongoFilter({ types });
    assert.deepEqual(filter, { event_type: { $in: ['user.registered', 'book.purchased'] } });
    assert.notEqual(filter.event_type?.$in, types);
  });

  it('maps an empty types list to $in: [], which selects nothing', () => {
    assert.deepEqual(toMongoFilter({ types: [] }), { event_type: { $in: [] } });
  });

  it('maps source and correlationId to equality on their stored fields', () => {
    assert.deepEqual(toMongoFilter({ source: 'users' }), { source: 'users' });
    assert.deepEqual(toMongoFilter({ correlationId: 'c1' }), { correlation_id: 'c1' });
  });

  it('maps from/to to a [from, to) range on timestamp, either bound alone', () => {
    assert.deepEqual(toMongoFilter({ from: t1, to: t2 }), { timestamp: { $gte: t1, $lt: t2 } });
    assert.deepEqual(toMongoFilter({ from: t1 }), { timestamp: { $gte: t1 } });
    assert.deepEqual(toMongoFilter({ to: t2 }), { timestamp: { $lt: t2 } });
  });

  it('maps a cursor to the keyset condition: later timestamp, or same timestamp and larger _id', () => {
    assert.deepEqual(toMongoFilter({}, { occurredAt: t1, id: 'id-5' }), {
      $or: [{ timestamp: { $gt: t1 } }, { timestamp: t1, _id: { $gt: 'id-5' } }],
    });
  });

  it('combines every condition with the cursor (all top-level keys are ANDed)', () => {
    assert.deepEqual(toMongoFilter({ types: ['a.b'], source: 's', correlationId: 'c', from: t1, to: t2 }, { occurredAt: t1, id: 'x' }), {
      event_type: { $in: ['a.b'] },
      source: 's',
      correlation_id: 'c',
      timestamp: { $gte: t1, $lt: t2 },
      $or: [{ timestamp: { $gt: t1 } }, { timestamp: t1, _id: { $gt: 'x' } }],
    });
  });
});

describe('sorts', () => {
  it('orders the log by (timestamp, _id) ascending, matching the keyset index', () => {
    assert.deepEqual(toMongoSort(), { timestamp: 1, _id: 1 });
    assert.equal(toMongoSort(), EVENT_ORDER_SORT);
    assert.deepEqual(Object.keys(EVENT_ORDER_SORT), ['timestamp', '_id']);
    assert.ok(Object.isFrozen(EVENT_ORDER_SORT));
  });

  it('orders undispatched events by created_at, then the log order', () => {
    assert.deepEqual(UNDISPATCHED_SORT, { created_at: 1, timestamp: 1, _id: 1 });
    assert.deepEqual(Object.keys(UNDISPATCHED_SORT), ['created_at', 'timestamp', '_id']);
  });
});

describe('filters of the other operations', () => {
  it('cleanup deletes events that occurred before a time, optionally of some types', () => {
    assert.deepEqual(toCleanupFilter(t2), { timestamp: { $lt: t2 } });
    assert.deepEqual(toCleanupFilter(t2, { types: ['c.d'] }), { event_type: { $in: ['c.d'] }, timestamp: { $lt: t2 } });
  });

  it('removeExpired deletes events whose expires_at is at or before now', () => {
    assert.deepEqual(toExpiredFilter(t1), { expires_at: { $lte: t1 } });
  });

  it('findUndispatched selects pending events stored before a time, matching the partial index filter', () => {
    assert.deepEqual(toUndispatchedFilter(t1), { dispatch_status: 'pending', created_at: { $lt: t1 } });
  });

  it('markDispatched updates only pending events of the given ids', () => {
    assert.deepEqual(toMarkDispatched(['a', 'b'], t1), {
      filter: { _id: { $in: ['a', 'b'] }, dispatch_status: 'pending' },
      update: { $set: { dispatch_status: 'dispatched', dispatched_at: t1 } },
    });
  });
});
