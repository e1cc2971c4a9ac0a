import 'reflect-metadata';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { EventsAdminModule } from './events-admin.module.js';
import { ADMIN_KEY, deadLettersFor, startFixtureApp, type FixtureApp } from './test/admin-app.fixture.js';

const BASE = '/admin/events';

describe('events admin input validation (e2e)', () => {
  let fixture: FixtureApp;
  const get = (path: string) => request(fixture.http).get(`${BASE}${path}`).set('x-api-key', ADMIN_KEY);
  const post = (path: string) => request(fixture.http).post(`${BASE}${path}`).set('x-api-key', ADMIN_KEY);
  const badRequest = (message: string[]) => ({ statusCode: 400, error: 'Bad Request', message });

  const ID = 'id must be a dead-letter id "<event id>.<handler name>", as listed by GET dead-letters';
  const EVENT_TYPE =
    'eventType must be an event type: dot-separated lower-case segments of letters, digits and "_", such as "user.registered"';
  const HANDLER = 'handler must be a handler name of 1 to 200 letters, digits, ".", "_" and "-", such as "Billing.charge"';
  const FROM = 'from must be an ISO-8601 date-time such as "2024-05-01T12:00:00Z"';
  const TO = 'to must be an ISO-8601 date-time such as "2024-05-01T12:00:00Z"';
  const LIMIT = 'limit must be an integer from 1 to 500';
  const OFFSET = 'offset must be an integer of at least 0';
  const EMPTY =
    'select dead letters with at least one of eventType, handler, from and to, or send all: true to select every one; ' +
    'an empty selection is refused so that a request cannot act on every dead letter by accident';

  before(async () => {
    fixture = await startFixtureApp(EventsAdminModule.forRoot({ apiKeys: ADMIN_KEY }));
    await deadLettersFor(fixture, 'order.placed', 2);
  });

  after(async () => {
    await fixture?.app.close();
  });

  it('refuses a malformed id on every route about one dead letter', async () => {
    for (const id of ['not-an-id', 'has:colon.Handler', 'event.bad handler']) {
      const path = `/dead-letters/${encodeURIComponent(id)}`;
      assert.deepEqual((await get(path).expect(400)).body, badRequest([ID]), id);
      assert.deepEqual((await post(`${path}/reprocess`).expect(400)).body, badRequest([ID]), id);
      assert.deepEqual(
        (await request(fixture.http).delete(`${BASE}${path}`).set('x-api-key', ADMIN_KEY).expect(400)).body,
        badRequest([ID]),
      );
    }
  });

  it('lists every bad filter and page field by name, and unknown ones', async () => {
    const res = await get(
      '/dead-letters?eventType=Order%20Placed&handler=a:b&from=yesterday&to=2024-13-01&limit=0&offset=-1&evenType=x',
    ).expect(400);
    assert.deepEqual(res.body.statusCode, 400);
    assert.deepEqual(
      [...res.body.message].sort(),
      [EVENT_TYPE, HANDLER, FROM, TO, LIMIT, OFFSET, 'property evenType should not exist'].sort(),
    );
    for (const limit of ['501', '2.5', 'ten', '']) {
      assert.deepEqual((await get(`/dead-letters?limit=${limit}`).expect(400)).body, badRequest([LIMIT]), `limit=${limit}`);
    }
    assert.deepEqual((await get('/dead-letters?eventType=a.b&eventType=c.d').expect(400)).body, badRequest([EVENT_TYPE]));
    assert.equal((await get('/dead-letters?limit=500&offset=0').expect(200)).body.total, 2);
  });

  it('answers the core query problems, such as from after to, with 400 listing them', async () => {
    assert.deepEqual(
      (await get('/dead-letters?from=2024-05-02T00:00:00Z&to=2024-05-01T00:00:00Z').expect(400)).body,
      badRequest(['from must be before to']),
    );
    assert.deepEqual(
      (await post('/dead-letters/purge').send({ from: '2024-05-02', to: '2024-05-01' }).expect(400)).body,
      badRequest(['from must be before to']),
    );
  });

  it('refuses an empty or ambiguous selection on bulk reprocess and purge, and acts on nothing', async () => {
    for (const route of ['/dead-letters/reprocess', '/dead-letters/purge']) {
      assert.deepEqual((await post(route).expect(400)).body, badRequest([EMPTY]), `${route} without a body`);
      assert.deepEqual((await post(route).send({}).expect(400)).body, badRequest([EMPTY]), `${route} {}`);
      assert.deepEqual((await post(route).send({ eventType: null }).expect(400)).body, badRequest([EMPTY]), `${route} null filter`);
      assert.deepEqual(
        (await post(route).send({ all: false }).expect(400)).body,
        badRequest(['all must be true when sent; leave it out to select by eventType, handler, from or to']),
      );
      assert.deepEqual(
        (await post(route).send({ all: true, handler: 'Billing.charge' }).expect(400)).body,
        badRequest([
          'all: true selects every dead letter and cannot be combined with eventType, handler, from or to; send one or the other',
        ]),
      );
      const typo = (await post(route).send({ evenType: 'order.placed' }).expect(400)).body;
      assert.deepEqual([...typo.message].sort(), [EMPTY, 'property evenType should not exist'].sort());
      const bad = (await post(route).send({ eventType: 'Order', handler: '', from: 'soon', to: 5 }).expect(400)).body;
      assert.deepEqual([...bad.message].sort(), [EVENT_TYPE, HANDLER, FROM, TO].sort());
    }
    assert.equal((await get('/dead-letters').expect(200)).body.total, 2, 'nothing was reprocessed or purged');
  });
});
