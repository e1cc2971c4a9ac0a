import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Type } from 'class-transformer';
import { IsDate, IsString } from 'class-validator';
import { EventCatalog } from '../catalog/event-catalog.js';
import { defineEvent, eventFactory } from '../catalog/event-definition.js';
import { InvalidEventEnvelopeError } from '../errors/invalid-event-envelope.error.js';
import { causedBy, createDomainEvent } from './domain-event.js';
import { deserializeEvent, serializeEvent } from './event.serializer.js';

class ShippedPayload {
  @IsString() order_id: string;
  @IsDate() @Type(() => Date) shipped_at: Date;
}
const Shipped = defineEvent({ type: 'order.shipped', payload: ShippedPayload });
const shipped = eventFactory(Shipped);
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('createDomainEvent', () => {
  it('fills the envelope: a UUIDv7 id, version 1, now, and a root correlation', () => {
    const before = Date.now();
    const event = createDomainEvent({ type: 'user.registered', data: { user_id: 'u1' } });
    assert.match(event.id, UUID_V7);
    assert.equal(event.version, 1);
    assert.ok(event.occurredAt.getTime() >= before && event.occurredAt.getTime() <= Date.now());
    assert.equal(event.correlationId, event.id);
    assert.equal(event.causationId, null);
    assert.equal(event.source, '');
    assert.deepEqual(event.metadata, {});
  });

  it('gives ids that sort by creation time', () => {
    const ids = Array.from({ length: 200 }, () => createDomainEvent({ type: 'a.b', data: {} }).id);
    assert.deepEqual([...ids].sort(), ids);
  });

  it('is deeply immutable', () => {
    const event = createDomainEvent({ type: 'a.b', data: { nested: { n: 1 }, list: [1] }, metadata: { traceparent: 'x' } });
    assert.throws(() => ((event as { type: string }).type = 'c.d'), TypeError);
    assert.throws(() => ((event.data as { nested: { n: number } }).nested.n = 2), TypeError);
    assert.throws(() => (event.data as { list: number[] }).list.push(2), TypeError);
    assert.throws(() => ((event.metadata as Record<string, string>).traceparent = 'y'), TypeError);
  });

  it('copies metadata so the caller cannot change the event afterwards', () => {
    const metadata: Record<string, string> = { a: '1' };
    const event = createDomainEvent({ type: 'a.b', data: {}, metadata });
    metadata.a = '2';
    assert.equal(event.metadata.a, '1');
  });

  it('rejects a bad envelope and names each field', () => {
    assert.throws(
      () => createDomainEvent({ type: 'Not A Type', data: {}, version: 0, metadata: { n: 1 as unknown as string } }),
      (error: unknown) => {
        assert.ok(error instanceof InvalidEventEnvelopeError);
        assert.deepEqual(
          error.violations.map((v) => v.path),
          ['type', 'version', 'metadata.n'],
        );
        assert.match(error.message, /type: type must be dot-separated/);
        assert.match(error.message, /version: version must be an integer of at least 1/);
        return true;
      },
    );
  });
});

describe('causedBy', () => {
  it('carries the correlation id over and sets the causation id', () => {
    const root = createDomainEvent({ type: 'user.registered', data: {} });
    const child = createDomainEvent({ type: 'notification.created', data: {}, ...causedBy(root) });
    const grandchild = createDomainEvent({ type: 'notification.sent', data: {}, ...causedBy(child) });
    assert.equal(child.correlationId, root.id);
    assert.equal(child.causationId, root.id);
    assert.equal(grandchild.correlationId, root.id);
    assert.equal(grandchild.causationId, child.id);
  });
});

describe('JSON round trip', () => {
  const catalog = new EventCatalog([Shipped]);

  it('is lossless, dates included', () => {
    const event = shipped(
      { order_id: 'o1', shipped_at: new Date('2026-11-25T01:02:03.456Z') },
      { source: 'shop', metadata: { traceparent: '00-abc-def-01' }, ...causedBy({ id: 'p', correlationId: 'c' }) },
    );
    const back = deserializeEvent(serializeEvent(event), catalog);
    assert.deepStrictEqual(back, event);
    assert.ok(back.data instanceof ShippedPayload);
    assert.ok(Object.isFrozen(back) && Object.isFrozen(back.data));
  });

  it('drops top-level keys that are not part of the envelope', () => {
    const json = JSON.parse(serializeEvent(createDomainEvent({ type: 'a.b', data: { x: 1 } })));
    const back = deserializeEvent({ ...json, injected: true });
    assert.equal('injected' in back, false);
  });

  it('rejects JSON that is not an envelope, naming the fields', () => {
    assert.throws(
      () => deserializeEvent('{"type":"a.b","version":1}'),
      (error: unknown) =>
        error instanceof InvalidEventEnvelopeError &&
        ['id', 'occurredAt', 'source', 'correlationId', 'data'].every((p) => error.violations.some((v) => v.path === p)),
    );
    assert.throws(() => deserializeEvent('null'), InvalidEventEnvelopeError);
  });
});
