import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createDomainEvent, InvalidEventEnvelopeError } from '@webnovel/events';
import { toEventRecord, toStoredEvent } from './event-record.mapper.js';

const storedAt = new Date('2026-05-01T10:00:00.000Z');
const event = createDomainEvent({
  type: 'book.purchased',
  occurredAt: new Date('2026-05-01T09:59:59.999Z'),
  data: { bookId: 'b1', price: { amount: 499, currency: 'CNY' } },
  source: 'store',
  correlationId: 'corr-1',
  causationId: 'cause-1',
  metadata: { traceparent: '00-a-b-01', 'x.dotted': 'ok' },
});

describe('toEventRecord', () => {
  it('stores every envelope field under its seed name, as a pending event', () => {
    const expiresAt = new Date('2026-06-01T00:00:00.000Z');
    assert.deepEqual(toEventRecord(event, storedAt, 'pending', expiresAt), {
      _id: event.id,
      event_type: 'book.purchased',
      version: 1,
      correlation_id: 'corr-1',
      causation_id: 'cause-1',
      event_data: { bookId: 'b1', price: { amount: 499, currency: 'CNY' } },
      metadata: { traceparent: '00-a-b-01', 'x.dotted': 'ok' },
      timestamp: event.occurredAt,
      source: 'store',
      dispatch_status: 'pending',
      dispatched_at: null,
      created_at: storedAt,
      expires_at: expiresAt,
    });
  });

  it('stamps dispatched_at with the storage time for an event appended as dispatched', () => {
    const record = toEventRecord(event, storedAt, 'dispatched', null);
    assert.equal(record.dispatch_status, 'dispatched');
    assert.equal(record.dispatched_at, storedAt);
    assert.equal(record.expires_at, null);
  });
});

describe('toStoredEvent', () => {
  it('rebuilds the event exactly and freezes it and its stored form', () => {
    const stored = toStoredEvent(toEventRecord(event, storedAt, 'pending', null));
    assert.deepEqual(JSON.parse(JSON.stringify(stored.event)), JSON.parse(JSON.stringify(event)));
    assert.ok(stored.event.occurredAt instanceof Date);
    assert.ok(Object.isFrozen(stored));
    assert.ok(Object.isFrozen(stored.event));
    assert.ok(Object.isFrozen(stored.event.data));
    assert.deepEqual(
      { storedAt: stored.storedAt, dispatchStatus: stored.dispatchStatus, dispatchedAt: stored.dispatchedAt, expiresAt: stored.expiresAt },
      { storedAt, dispatchStatus: 'pending', dispatchedAt: null, expiresAt: null },
    );
  });

  it('reads documents without the optional fields (written by older code) with their defaults', () => {
    const {
      causation_id: _c,
      metadata: _m,
      source: _s,
      dispatched_at: _d,
      expires_at: _e,
      ...minimal
    } = toEventRecord(event, storedAt, 'pending', null);
    const stored = toStoredEvent(minimal as never);
    assert.equal(stored.event.causationId, null);
    assert.deepEqual(stored.event.metadata, {});
    assert.equal(stored.event.source, '');
    assert.equal(stored.dispatchedAt, null);
    assert.equal(stored.expiresAt, null);
  });

  it('rejects a document that does not hold a sound envelope, naming the fields', () => {
    const record = { ...toEventRecord(event, storedAt, 'pending', null), event_type: 'Not A Type', version: 0 };
    assert.throws(
      () => toStoredEvent(record),
      (error: unknown) =>
        error instanceof InvalidEventEnvelopeError &&
        error.violations.some((v) => v.path === 'type') &&
        error.violations.some((v) => v.path === 'version'),
    );
  });
});
