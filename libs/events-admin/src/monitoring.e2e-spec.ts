import 'reflect-metadata';
import { createDomainEvent } from '@webnovel/events';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { EventsAdminModule } from './events-admin.module.js';
import { ADMIN_KEY, deadLettersFor, startFixtureApp, type FixtureApp } from './test/admin-app.fixture.js';

const SUMMARY = '/admin/events/monitoring/summary';

describe('GET monitoring/summary (e2e)', () => {
  let fixture: FixtureApp;
  const get = (query = '') => request(fixture.http).get(`${SUMMARY}${query}`).set('x-api-key', ADMIN_KEY);

  before(async () => {
    fixture = await startFixtureApp(EventsAdminModule.forRoot({ apiKeys: ADMIN_KEY }));
  });

  after(async () => {
    await fixture?.app.close();
  });

  it('reports publishes per type, runs and failures per handler with quantiles, and queue sizes', async () => {
    fixture.switchboard.broken.delete('Mailer.welcome');
    await fixture.bus.publish(createDomainEvent({ type: 'user.registered', data: {} }));
    await fixture.bus.publish(createDomainEvent({ type: 'user.registered', data: {} }));
    await deadLettersFor(fixture, 'order.placed', 1);
    const malformed = { ...createDomainEvent({ type: 'user.registered', data: {} }), type: 'Not A Type' };
    await assert.rejects(fixture.bus.publish(malformed), { name: 'InvalidEventEnvelopeError' });

    const body = (await get('?minutes=5').expect(200)).body;
    assert.equal(body.window.minutes, 5);
    assert.ok(Date.parse(body.window.to) - Date.parse(body.window.from) <= 5 * 60_000);
    assert.deepEqual(body.published, {
      total: 3,
      failed: 1,
      byType: [
        { eventType: 'invalid', published: 0, failed: 1 },
        { eventType: 'order.placed', published: 1, failed: 0 },
        { eventType: 'user.registered', published: 2, failed: 0 },
      ],
    });
    const [charge, welcome] = body.handlers;
    // Two attempts of Billing.charge: the first retried, the second dead-lettered.
    assert.deepEqual(
      { ...charge, durationMs: undefined },
      {
        handler: 'Billing.charge',
        handled: 2,
        succeeded: 0,
        failed: 2,
        retried: 1,
        deadLettered: 1,
        skippedDuplicate: 0,
        durationMs: undefined,
      },
    );
    assert.deepEqual(
      { ...welcome, durationMs: undefined },
      {
        handler: 'Mailer.welcome',
        handled: 2,
        succeeded: 2,
        failed: 0,
        retried: 0,
        deadLettered: 0,
        skippedDuplicate: 0,
        durationMs: undefined,
      },
    );
    for (const { durationMs } of body.handlers) {
      assert.ok(
        durationMs.p50 > 0 && durationMs.p50 <= durationMs.p95 && durationMs.p95 <= durationMs.p99 && durationMs.p99 <= durationMs.max,
      );
    }
    assert.deepEqual(body.queues, {
      retrySize: 0,
      deadLetterSize: 1,
      byQueue: [{ queue: 'in-process', waiting: 0, active: 0, delayed: 0, failed: 0, dead: 1 }],
    });
    assert.equal(body.oldestUndispatched, null, 'no store, so nothing can be pending');
  });

  it('defaults to 15 minutes', async () => {
    assert.equal((await get().expect(200)).body.window.minutes, 15);
  });

  it('answers 400 naming minutes for a window it cannot answer', async () => {
    const message = "minutes must be an integer from 1 to 1440, and at most the EventsModule's summaryWindowMinutes";
    for (const bad of ['0', 'abc', '1.5', '1441']) {
      assert.deepEqual((await get(`?minutes=${bad}`).expect(400)).body.message, [message], `minutes=${bad}`);
    }
    // Valid for the route, but beyond what this app keeps (summaryWindowMinutes defaults to 60).
    assert.deepEqual((await get('?minutes=61').expect(400)).body.message, ['minutes must be an integer from 1 to 60 (got 61)']);
    assert.deepEqual((await get('?window=5').expect(400)).body.message, ['property window should not exist']);
  });

  it('is behind the admin guard', async () => {
    await request(fixture.http).get(SUMMARY).expect(401);
  });
});
