import 'reflect-metadata';
import { getMetadataStorage } from 'class-validator';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deserializeEvent, serializeEvent, type EventDefinition, type EventFactory } from '@webnovel/events';
import { webNovelCatalog, webNovelEvents, webNovelUpcasters } from './catalog.js';
import * as contracts from './index.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const DOMAINS = ['user', 'reading', 'writing', 'social', 'bookstore', 'finance', 'notification', 'system'];

/** Validated property names of a payload class, in declaration order. */
const fieldsOf = (payload: EventDefinition['payload']): string[] => [
  ...new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(payload, '', true, false)
      .map((m) => m.propertyName),
  ),
];

/** The constraint names on one property. */
const constraintsOf = (payload: EventDefinition['payload'], property: string): string[] =>
  getMetadataStorage()
    .getTargetValidationMetadatas(payload, '', true, false)
    .filter((m) => m.propertyName === property)
    .map((m) => m.name ?? m.type);

const isDefinition = (value: unknown): value is EventDefinition =>
  typeof value === 'object' && value !== null && 'type' in value && 'payload' in value && 'version' in value;
const isFactory = (value: unknown): value is EventFactory => typeof value === 'function' && 'definition' in value;

describe('webNovelCatalog', () => {
  it('holds every definition once, each (type, version) unique', () => {
    const keys = webNovelEvents.map((d) => `${d.type}@${d.version}`);
    assert.equal(new Set(keys).size, keys.length);
    assert.equal(webNovelCatalog.definitions().length, webNovelEvents.length);
    assert.equal(webNovelEvents.length, 68);
    assert.equal(webNovelCatalog.types().length, 67);
  });

  it('gives every definition a known domain, a description and a validated payload class', () => {
    for (const definition of webNovelEvents) {
      assert.ok(DOMAINS.includes(definition.domain ?? ''), `${definition.type} has domain ${definition.domain}`);
      assert.ok((definition.description ?? '').length > 10, `${definition.type} needs a description`);
      assert.equal(typeof definition.payload, 'function', `${definition.type} needs a payload class`);
      assert.ok(fieldsOf(definition.payload).length > 0, `${definition.payload.name} has no validated field`);
      assert.ok(Object.isFrozen(definition));
    }
  });

  it('lists every exported definition, and every definition has an exported factory', () => {
    const exported: unknown[] = Object.values(contracts);
    const definitions = exported.filter(isDefinition);
    const factories = exported.filter(isFactory);
    assert.deepEqual(new Set(definitions), new Set(webNovelEvents));
    assert.deepEqual(new Set(factories.map((f) => f.definition)), new Set(webNovelEvents));
  });

  it('uses snake_case field names, as the wire contract other services read', () => {
    for (const definition of webNovelEvents) {
      for (const field of fieldsOf(definition.payload)) assert.match(field, /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/, `${definition.type}.${field}`);
    }
  });

  it('carries money only as integer minor units next to an ISO 4217 currency', () => {
    const withMoney = webNovelEvents.filter((d) => fieldsOf(d.payload).includes('amount'));
    assert.ok(withMoney.length >= 20);
    for (const { type, payload } of withMoney) {
      assert.deepEqual(constraintsOf(payload, 'amount').sort(), ['isInt', 'max', 'min'], `${type}.amount`);
      assert.deepEqual(constraintsOf(payload, 'currency').sort(), ['isISO4217CurrencyCode', 'isString', 'isUppercase'], `${type}.currency`);
    }
    for (const { type, payload } of webNovelEvents) {
      if (fieldsOf(payload).includes('currency'))
        assert.ok(fieldsOf(payload).includes('amount'), `${type} has a currency without an amount`);
    }
  });

  it('keeps the fields that running services already publish', () => {
    const fields = (type: string) => fieldsOf(webNovelCatalog.latest(type)!.payload);
    assert.deepEqual(fields('user.registered'), ['user_id', 'username', 'email', 'user_type', 'referral']);
    assert.deepEqual(fieldsOf(webNovelCatalog.get('user.registered', 1)!.payload), ['user_id', 'username', 'email'], 'v1 never changes');
    assert.deepEqual(fields('user.logged_in'), ['user_id', 'ip', 'user_agent']);
    assert.deepEqual(fields('user.logged_out'), ['user_id']);
    assert.deepEqual(fields('user.updated'), ['user_id', 'changed_fields']);
    assert.deepEqual(fields('user.deleted'), ['user_id', 'reason']);
    assert.deepEqual(fields('notification.created'), ['notification_id', 'user_id', 'type', 'title', 'content', 'channels']);
  });
});

describe('webNovelUpcasters', () => {
  it('joins every version of every type to the next, one described upcaster per step', () => {
    const steps = webNovelUpcasters.map((u) => `${u.type} v${u.fromVersion}→v${u.toVersion}`);
    const expected = webNovelCatalog.types().flatMap((type) =>
      webNovelCatalog
        .versions(type)
        .slice(0, -1)
        .map((version) => `${type} v${version}→v${version + 1}`),
    );
    assert.deepEqual(steps.sort(), expected.sort());
    assert.ok(expected.includes('user.registered v1→v2'));
    for (const { type, fromVersion, description } of webNovelUpcasters) {
      assert.ok((description ?? '').length > 10, `the upcaster of ${type} v${fromVersion} needs a description, for docs/events.md`);
    }
    assert.ok(Object.isFrozen(webNovelUpcasters));
  });

  it('is exported with every upcaster of the catalog', () => {
    const upcasters = Object.values(contracts).filter((value) => typeof value === 'object' && value !== null && 'fromVersion' in value);
    assert.deepEqual(new Set(upcasters), new Set(webNovelUpcasters));
    assert.equal(contracts.webNovelUpcasters, webNovelUpcasters);
  });
});

describe('event factories', () => {
  it('set a UUIDv7 id, the version, the type and the time, and build the payload class', () => {
    const before = Date.now();
    const event = contracts.bookPurchased({ order_id: 'o1', user_id: 'u1', book_id: 'b1', amount: 1999, currency: 'CNY' });
    assert.match(event.id, UUID_V7);
    assert.equal(event.type, 'book.purchased');
    assert.equal(event.version, contracts.BookPurchased.version);
    assert.ok(event.occurredAt instanceof Date);
    assert.ok(event.occurredAt.getTime() >= before && event.occurredAt.getTime() <= Date.now());
    assert.ok(event.data instanceof contracts.BookPurchasedPayload);
    assert.equal(event.correlationId, event.id);
    assert.ok(Object.isFrozen(event.data));
  });

  it('give every event its own id', () => {
    const ids = new Set(Array.from({ length: 50 }, () => contracts.userLoggedOut({ user_id: 'u1' }).id));
    assert.equal(ids.size, 50);
  });
});

describe('JSON round trip', () => {
  it('restores an event with dates in its payload exactly', () => {
    const event = contracts.subscriptionCreated(
      {
        subscription_id: 's1',
        user_id: 'u1',
        plan_id: 'monthly',
        amount: 3000,
        currency: 'CNY',
        starts_at: new Date('2026-01-01T00:00:00.000Z'),
        expires_at: new Date('2026-02-01T00:00:00.000Z'),
        auto_renew: true,
      },
      { source: 'bookstore', metadata: { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' } },
    );
    const back = deserializeEvent(serializeEvent(event), webNovelCatalog);
    assert.deepStrictEqual(back, event);
    assert.ok(back.data instanceof contracts.SubscriptionCreatedPayload);
    assert.ok((back.data as contracts.SubscriptionCreatedPayload).expires_at instanceof Date);
  });
});
