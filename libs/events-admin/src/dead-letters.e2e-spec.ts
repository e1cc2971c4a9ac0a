import 'reflect-metadata';
import { waitFor } from '@webnovel/testing';
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import request from 'supertest';
import { EventsAdminModule } from './events-admin.module.js';
import { ADMIN_KEY, addOrphanDeadLetter, deadLettersFor, startFixtureApp, type FixtureApp } from './test/admin-app.fixture.js';

const BASE = '/admin/events';

describe('events admin routes (e2e)', () => {
  let fixture: FixtureApp;
  const get = (path: string) => request(fixture.http).get(`${BASE}${path}`).set('x-api-key', ADMIN_KEY);
  const post = (path: string, body?: object) => {
    const req = request(fixture.http).post(`${BASE}${path}`).set('x-api-key', ADMIN_KEY);
    return body === undefined ? req : req.send(body);
  };
  const del = (path: string) => request(fixture.http).delete(`${BASE}${path}`).set('x-api-key', ADMIN_KEY);
  const listIds = async (query = '') => ((await get(`/dead-letters${query}`).expect(200)).body.items as { id: string }[]).map((l) => l.id);

  before(async () => {
    fixture = await startFixtureApp(EventsAdminModule.forRoot({ apiKeys: ADMIN_KEY }));
  });

  beforeEach(async () => {
    await fixture.deadLetters.purge({});
    fixture.switchboard.broken.clear();
    fixture.switchboard.broken.add('Billing.charge').add('Mailer.welcome');
    fixture.switchboard.completed.length = 0;
  });

  after(async () => {
    await fixture?.app.close();
  });

  it('lists dead letters newest first with the page, and filters by event type and handler', async () => {
    const orders = await deadLettersFor(fixture, 'order.placed', 3);
    const signups = await deadLettersFor(fixture, 'user.registered', 2);

    const all = (await get('/dead-letters').expect(200)).body;
    assert.equal(all.total, 5);
    assert.equal(all.limit, 50);
    assert.equal(all.offset, 0);
    assert.equal(all.items.length, 5);
    const times = all.items.map((l: { deadLetteredAt: string }) => l.deadLetteredAt);
    assert.deepEqual(times, [...times].sort().reverse(), 'newest first');
    const order = all.items.find((l: { event: { id: string } }) => l.event.id === orders[0]!.id);
    assert.equal(order.id, `${orders[0]!.id}.Billing.charge`);
    assert.equal(order.handler, 'Billing.charge');
    assert.equal(order.queue, 'in-process');
    assert.equal(order.attempts, 2);
    assert.equal(order.event.type, 'order.placed');
    assert.deepEqual({ name: order.error.name, message: order.error.message }, { name: 'Error', message: 'Billing.charge is down' });

    const byType = (await get('/dead-letters?eventType=order.placed').expect(200)).body;
    assert.equal(byType.total, 3);
    assert.deepEqual(byType.items.map((l: { event: { id: string } }) => l.event.id).sort(), orders.map((e) => e.id).sort());

    const byHandler = (await get('/dead-letters?handler=Mailer.welcome').expect(200)).body;
    assert.equal(byHandler.total, 2);
    assert.deepEqual(byHandler.items.map((l: { event: { id: string } }) => l.event.id).sort(), signups.map((e) => e.id).sort());

    assert.deepEqual((await get('/dead-letters?eventType=order.placed&handler=Mailer.welcome').expect(200)).body, {
      items: [],
      total: 0,
      limit: 50,
      offset: 0,
    });
  });

  it('pages with limit and offset, stable across pages', async () => {
    await deadLettersFor(fixture, 'order.placed', 5);
    const everything = await listIds();
    const first = (await get('/dead-letters?limit=2').expect(200)).body;
    assert.equal(first.total, 5);
    assert.equal(first.limit, 2);
    assert.equal(first.items.length, 2);
    const second = (await get('/dead-letters?limit=2&offset=2').expect(200)).body;
    assert.equal(second.offset, 2);
    const last = (await get('/dead-letters?limit=2&offset=4').expect(200)).body;
    assert.equal(last.items.length, 1);
    assert.deepEqual(
      [...first.items, ...second.items, ...last.items].map((l: { id: string }) => l.id),
      everything,
    );
    assert.deepEqual((await get('/dead-letters?offset=5').expect(200)).body.items, []);
  });

  it('filters by dead-lettered time: from is inclusive, to exclusive', async () => {
    await deadLettersFor(fixture, 'order.placed', 2);
    const firstBatch = (await get('/dead-letters').expect(200)).body.items as { deadLetteredAt: string }[];
    const boundary = new Date(Math.max(...firstBatch.map((l) => Date.parse(l.deadLetteredAt))) + 1);
    // The second batch must be dead-lettered at or after the boundary, which needs the clock to pass it first.
    await waitFor(() => Date.now() > boundary.getTime(), { description: 'the clock to pass the boundary' });
    const signups = await deadLettersFor(fixture, 'user.registered', 2);

    const iso = boundary.toISOString();
    const later = (await get(`/dead-letters?from=${iso}`).expect(200)).body;
    assert.equal(later.total, 2);
    assert.deepEqual(later.items.map((l: { event: { id: string } }) => l.event.id).sort(), signups.map((e) => e.id).sort());
    const earlier = (await get(`/dead-letters?to=${iso}`).expect(200)).body;
    assert.equal(earlier.total, 2);
    assert.ok(earlier.items.every((l: { event: { type: string } }) => l.event.type === 'order.placed'));
    assert.equal((await get(`/dead-letters?from=2000-01-01T00:00:00Z&to=${iso}&eventType=user.registered`).expect(200)).body.total, 0);
    assert.equal((await get('/dead-letters?from=2000-01-01').expect(200)).body.total, 4);
  });

  it('gets one dead letter with its event and error, and 404 for an unknown id', async () => {
    const [event] = await deadLettersFor(fixture, 'order.placed', 1);
    const id = `${event!.id}.Billing.charge`;
    const body = (await get(`/dead-letters/${id}`).expect(200)).body;
    assert.deepEqual(body, JSON.parse(JSON.stringify(await fixture.deadLetters.get(id))));
    assert.equal(body.event.id, event!.id);
    assert.equal(body.error.message, 'Billing.charge is down');

    const missing = (await get('/dead-letters/no-such-event.Billing.charge').expect(404)).body;
    assert.deepEqual(missing, {
      statusCode: 404,
      error: 'Not Found',
      message:
        'No dead letter "no-such-event.Billing.charge": it was reprocessed or deleted, or never existed. List the current ones with GET dead-letters',
    });
  });

  it('reprocesses one dead letter once its handler is fixed, leaving none behind', async () => {
    const [event] = await deadLettersFor(fixture, 'order.placed', 1);
    const id = `${event!.id}.Billing.charge`;
    fixture.switchboard.broken.delete('Billing.charge');

    assert.deepEqual((await post(`/dead-letters/${id}/reprocess`).expect(200)).body, { id, reprocessed: true });
    await waitFor(() => fixture.switchboard.completed.includes(id), { description: 'the reprocessed handler run' });
    assert.deepEqual((await get('/dead-letters').expect(200)).body, { items: [], total: 0, limit: 50, offset: 0 });
    await get(`/dead-letters/${id}`).expect(404);
    await post(`/dead-letters/${id}/reprocess`).expect(404);
  });

  it('dead-letters a reprocessed pair again, with fresh attempts, when its handler still fails', async () => {
    const [event] = await deadLettersFor(fixture, 'order.placed', 1);
    const id = `${event!.id}.Billing.charge`;
    const first = (await get(`/dead-letters/${id}`).expect(200)).body;
    await post(`/dead-letters/${id}/reprocess`).expect(200);
    const again = await waitFor(
      async () => {
        const res = await get(`/dead-letters/${id}`);
        return res.status === 200 && res.body.deadLetteredAt !== first.deadLetteredAt ? res.body : undefined;
      },
      { description: 'the pair dead-lettered again' },
    );
    assert.equal(again.attempts, 2);
    assert.ok(again.firstFailedAt >= first.deadLetteredAt);
  });

  it('answers 409 and keeps the dead letter when this app lacks its handler', async () => {
    const orphan = addOrphanDeadLetter(fixture);
    const res = (await post(`/dead-letters/${orphan.id}/reprocess`).expect(409)).body;
    assert.equal(res.statusCode, 409);
    assert.equal(res.id, orphan.id);
    assert.equal(res.handler, 'Retired.handler');
    assert.match(res.message, /handler "Retired\.handler" is not registered in this application/);
    await get(`/dead-letters/${orphan.id}`).expect(200);
  });

  it('reprocesses by filter, or all, reporting the ones it could not', async () => {
    const orders = await deadLettersFor(fixture, 'order.placed', 3);
    await deadLettersFor(fixture, 'user.registered', 2);
    fixture.switchboard.broken.delete('Billing.charge');

    const byType = (await post('/dead-letters/reprocess', { eventType: 'order.placed' }).expect(200)).body;
    const orderIds = orders.map((e) => `${e.id}.Billing.charge`);
    assert.deepEqual([...byType.reprocessed].sort(), [...orderIds].sort());
    assert.deepEqual(byType.failed, []);
    await waitFor(() => orderIds.every((id) => fixture.switchboard.completed.includes(id)), { description: 'the three charges' });
    const left = (await get('/dead-letters').expect(200)).body;
    assert.equal(left.total, 2);
    assert.ok(left.items.every((l: { handler: string }) => l.handler === 'Mailer.welcome'));

    fixture.switchboard.broken.clear();
    const orphan = addOrphanDeadLetter(fixture);
    const everything = (await post('/dead-letters/reprocess', { all: true }).expect(200)).body;
    assert.equal(everything.reprocessed.length, 2);
    assert.deepEqual(everything.failed.length, 1);
    assert.equal(everything.failed[0].id, orphan.id);
    assert.match(everything.failed[0].error, /^DeadLetterHandlerMissingError: Cannot reprocess dead letter/);
    await waitFor(() => fixture.switchboard.completed.length === 5, { description: 'the two welcome mails' });
    assert.deepEqual(await listIds(), [orphan.id]);
  });

  it('deletes one dead letter without running it: 204, then 404', async () => {
    const [gone, kept] = await deadLettersFor(fixture, 'order.placed', 2);
    const id = `${gone!.id}.Billing.charge`;
    const res = await del(`/dead-letters/${id}`).expect(204);
    assert.equal(res.text, '');
    await get(`/dead-letters/${id}`).expect(404);
    await del(`/dead-letters/${id}`).expect(404);
    assert.deepEqual(await listIds(), [`${kept!.id}.Billing.charge`]);
    assert.deepEqual(fixture.switchboard.completed, []);
  });

  it('purges by filter, or all, without running the handlers', async () => {
    await deadLettersFor(fixture, 'order.placed', 3);
    await deadLettersFor(fixture, 'user.registered', 2);
    assert.deepEqual((await post('/dead-letters/purge', { handler: 'Mailer.welcome' }).expect(200)).body, { purged: 2 });
    assert.equal((await get('/dead-letters').expect(200)).body.total, 3);
    assert.deepEqual((await post('/dead-letters/purge', { eventType: 'user.registered' }).expect(200)).body, { purged: 0 });
    assert.deepEqual((await post('/dead-letters/purge', { all: true }).expect(200)).body, { purged: 3 });
    assert.equal((await get('/dead-letters').expect(200)).body.total, 0);
    assert.deepEqual(fixture.switchboard.completed, []);
  });

  it('counts jobs per queue, dead letters included', async () => {
    await deadLettersFor(fixture, 'order.placed', 2);
    assert.deepEqual((await get('/queues').expect(200)).body, {
      queues: [{ queue: 'in-process', waiting: 0, active: 0, delayed: 0, failed: 0, dead: 2 }],
    });
  });
});
