import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import { EventBus, EventsModule, EventValidationError, type DomainEvent } from '@webnovel/events';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  bookPurchased,
  contentPublished,
  depositCreated,
  likeAdded,
  notificationCreated,
  readingChapterRead,
  reviewRejected,
  userLoggedIn,
  userRegistered,
  userRegisteredV2,
  UserRegisteredV2Payload,
  webNovelCatalog,
  webNovelUpcasters,
  writingCharacterUpdated,
} from './index.js';

/** A payload the type system would refuse: these cases stand for data from an untyped producer. */
const untyped = <T>(data: Record<string, unknown>): T => data as T;

interface Case {
  domain: string;
  valid: DomainEvent;
  invalid: DomainEvent;
  /** The violation the invalid event must produce. */
  expected: { path: string; constraint: string; message: RegExp };
}

const base = { order_id: 'o1', user_id: 'u1', book_id: 'b1', amount: 1999, currency: 'CNY' };

const cases: Case[] = [
  {
    domain: 'user',
    valid: userRegistered({ user_id: 'u1', username: 'alice', email: 'alice@example.com' }),
    invalid: userRegistered({ user_id: 'u1', username: 'alice', email: 'alice-at-example' }),
    expected: { path: 'data.email', constraint: 'isEmail', message: /^email must be an email$/ },
  },
  {
    domain: 'reading',
    valid: readingChapterRead({ user_id: 'u1', book_id: 'b1', chapter_id: 'c1', duration_seconds: 0, completed: true }),
    invalid: readingChapterRead({ user_id: 'u1', book_id: 'b1', chapter_id: 'c1', duration_seconds: -5, completed: false }),
    expected: { path: 'data.duration_seconds', constraint: 'min', message: /^duration_seconds must not be less than 0$/ },
  },
  {
    domain: 'writing',
    valid: writingCharacterUpdated({ character_id: 'ch1', book_id: 'b1', author_id: 'a1', changed_fields: ['name', 'backstory'] }),
    invalid: writingCharacterUpdated({ character_id: 'ch1', book_id: 'b1', author_id: 'a1', changed_fields: [] }),
    expected: { path: 'data.changed_fields', constraint: 'arrayNotEmpty', message: /^changed_fields should not be empty$/ },
  },
  {
    domain: 'social',
    valid: likeAdded({ user_id: 'u1', target_type: 'comment', target_id: 'cm1' }),
    invalid: likeAdded(untyped({ user_id: 'u1', target_type: 'author', target_id: 'a1' })),
    expected: {
      path: 'data.target_type',
      constraint: 'isIn',
      message: /^target_type must be one of the following values: book, chapter, comment$/,
    },
  },
  {
    domain: 'bookstore',
    valid: bookPurchased(base),
    invalid: bookPurchased({ ...base, amount: 19.99 }),
    expected: { path: 'data.amount', constraint: 'isInt', message: /^amount must be an integer number$/ },
  },
  {
    domain: 'finance',
    valid: depositCreated({ deposit_id: 'd1', user_id: 'u1', amount: 10_000, currency: 'USD', channel: 'card' }),
    invalid: depositCreated({ deposit_id: 'd1', user_id: 'u1', amount: 10_000, currency: 'US$', channel: 'card' }),
    expected: { path: 'data.currency', constraint: 'isISO4217CurrencyCode', message: /^currency must be a valid ISO4217 currency code$/ },
  },
  {
    domain: 'notification',
    valid: notificationCreated({
      notification_id: 'n1',
      user_id: 'u1',
      type: 'follow',
      title: 'New follower',
      content: 'bob followed you',
      channels: ['in_app', 'push'],
    }),
    invalid: notificationCreated(
      untyped({ notification_id: 'n1', user_id: 'u1', type: 'follow', title: 'x', content: 'y', channels: ['in_app', 'pigeon'] }),
    ),
    expected: {
      path: 'data.channels',
      constraint: 'isIn',
      message: /^each value in channels must be one of the following values: in_app, email, sms, push$/,
    },
  },
  {
    domain: 'system',
    valid: contentPublished({ operator_id: 'a1', target_type: 'chapter', target_id: 'c9', book_id: 'b1' }),
    invalid: reviewRejected({ review_id: 'r1', operator_id: 'mod1', target_type: 'chapter', target_id: 'c9', reason: '' }),
    expected: { path: 'data.reason', constraint: 'isNotEmpty', message: /^reason should not be empty$/ },
  },
];

/** What the bus rejected `event` with; fails the test if it was accepted or rejected for another reason. */
async function rejection(bus: EventBus, event: DomainEvent): Promise<EventValidationError> {
  const error = await bus.publish(event).then(
    () => assert.fail(`${event.type} was accepted`),
    (e: unknown) => e,
  );
  assert.ok(error instanceof EventValidationError, `expected EventValidationError, got ${String(error)}`);
  return error;
}

describe('payloads published through EventsModule', () => {
  let close: () => Promise<void>;
  let bus: EventBus;
  const received: DomainEvent[] = [];

  before(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        EventsModule.forRoot({ source: 'contracts-spec', catalog: webNovelCatalog, upcasters: webNovelUpcasters, logHandlers: false }),
      ],
    }).compile();
    const app = await moduleRef.init();
    bus = app.get(EventBus);
    bus.subscribe('*', (event) => void received.push(event), { name: 'contracts-spec.recorder' });
    close = () => app.close();
  });

  after(() => close());

  it('covers every domain', () => {
    assert.deepEqual(cases.map((c) => c.domain).sort(), [...new Set(webNovelCatalog.definitions().map((d) => d.domain))].sort());
  });

  for (const { domain, valid, invalid, expected } of cases) {
    it(`${domain}: accepts a valid ${valid.type}`, async () => {
      await bus.publish(valid);
      assert.ok(received.some((event) => event.id === valid.id));
    });

    it(`${domain}: rejects an invalid ${invalid.type}, naming the field and constraint`, async () => {
      const error = await rejection(bus, invalid);
      assert.equal(error.eventType, invalid.type);
      assert.equal(error.violations.length, 1, error.message);
      const [violation] = error.violations;
      assert.equal(violation?.path, expected.path);
      assert.equal(violation.constraint, expected.constraint);
      assert.match(violation.message, expected.message);
      assert.ok(!received.some((event) => event.id === invalid.id), 'nothing is dispatched');
    });
  }

  it('rejects a field the contract does not have, rather than passing it on', async () => {
    const event = userLoggedIn(untyped({ user_id: 'u1', ip: '203.0.113.7', password: 'hunter2' }));
    const error = await rejection(bus, event);
    assert.deepEqual(
      error.violations.map((v) => [v.path, v.constraint]),
      [['data.password', 'whitelistValidation']],
    );
  });

  it('accepts optional fields left out, and checks them when present', async () => {
    await bus.publish(userLoggedIn({ user_id: 'u1' }));
    const error = await rejection(bus, userLoggedIn({ user_id: 'u1', ip: '999.1.1.1' }));
    assert.deepEqual(
      error.violations.map((v) => [v.path, v.constraint]),
      [['data.ip', 'isIp']],
    );
  });

  it('hands a user.registered v1 to handlers as v2, and checks a v2 publish by v2 rules', async () => {
    const v1 = userRegistered({ user_id: 'u7', username: 'lin', email: 'lin@example.com' });
    await bus.publish(v1);
    const delivered = received.find((event) => event.id === v1.id);
    assert.equal(delivered?.version, 2);
    assert.ok(delivered.data instanceof UserRegisteredV2Payload);
    assert.deepEqual({ ...delivered.data }, { ...v1.data, user_type: 'standard', referral: '' });

    await bus.publish(userRegisteredV2({ user_id: 'u8', username: 'mo', email: 'mo@example.com', user_type: 'author', referral: 'u7' }));
    const error = await rejection(
      bus,
      userRegisteredV2(untyped({ user_id: 'u9', username: 'ann', email: 'ann@example.com', user_type: 'admin', referral: '' })),
    );
    assert.equal(error.eventVersion, 2);
    assert.deepEqual(
      error.violations.map((v) => [v.path, v.constraint]),
      [['data.user_type', 'isIn']],
    );
  });
});
