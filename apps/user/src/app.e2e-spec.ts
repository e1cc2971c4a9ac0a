import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { NotificationCreatedPayload, UserLoggedInPayload, UserUpdatedPayload } from '@webnovel/contracts';
import { EventBus, type DomainEvent } from '@webnovel/events';
import { waitFor } from '@webnovel/testing';
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { readUserServiceConfig } from './app.config.js';
import { AppModule } from './app.module.js';
import { configureApp } from './app.setup.js';
import type { InMemoryMailSender } from './welcome-email/in-memory-mail.sender.js';
import { MAIL_SENDER } from './welcome-email/mail-sender.port.js';

describe('user app (e2e)', () => {
  let app: INestApplication;
  let http: Server;
  let mail: InMemoryMailSender;
  const published: DomainEvent[] = [];
  let sequence = 0;

  const newUser = () => {
    const n = `${process.pid}_${++sequence}`;
    return { username: `reader_${n}`, email: `reader_${n}@example.com`, password: 'correct-horse-battery' };
  };
  const register = async (body = newUser()) => {
    const res = await request(http).post('/users').send(body).expect(201);
    return { ...body, id: res.body.id as string };
  };
  const eventsOf = <T>(type: string, userId: string) =>
    published.filter((e) => e.type === type && (e.data as { user_id?: string }).user_id === userId) as DomainEvent<T>[];
  const stats = async () => (await request(http).get('/users/stats').expect(200)).body;

  before(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [AppModule.forRoot(readUserServiceConfig({ EVENTS_QUEUE: 'unused', LOG_LEVEL: 'silent' }))],
    }).compile();
    app = configureApp(moduleRef.createNestApplication({ logger: ['error', 'warn'] }), 'silent');
    await app.init();
    const bus = app.get(EventBus);
    await bus.waitUntilReady();
    bus.subscribe(['user.*', 'notification.created'], (event) => void published.push(event), { name: 'e2e.recorder' });
    mail = app.get<InMemoryMailSender>(MAIL_SENDER);
    http = app.getHttpServer() as Server;
  });

  after(async () => {
    await app?.close();
  });

  it('registers a user: 201, the welcome mail goes out, the activity log and the statistics have it', async () => {
    const before = await stats();
    const body = newUser();
    const res = await request(http).post('/users').send(body).expect(201);
    assert.deepEqual(Object.keys(res.body).sort(), ['email', 'id', 'username']);
    assert.equal(res.body.email, body.email);
    assert.equal(res.body.username, body.username);

    const [welcome] = await waitFor(() => mail.sent(body.email), { description: 'the welcome mail' });
    assert.match(welcome!.subject, new RegExp(body.username));
    assert.match(welcome!.text, new RegExp(`Hi ${body.username},`));

    const activity = (await request(http).get(`/users/${res.body.id}/activity`).expect(200)).body;
    assert.equal(activity.length, 1);
    assert.equal(activity[0].type, 'user.registered');
    const [event] = eventsOf('user.registered', res.body.id);
    assert.equal(activity[0].event_id, event!.id);
    assert.equal(activity[0].correlation_id, event!.correlationId);
    assert.equal(event!.source, 'user-service');

    const after = await stats();
    assert.equal(after.total_users, before.total_users + 1);
    assert.equal(after.active_users, before.active_users + 1);
    assert.equal(after.growth.total, before.growth.total + 1);
    assert.equal(after.growth.registrations_per_day.at(-1).count, before.growth.registrations_per_day.at(-1).count + 1);
  });

  it('refuses a bad body with 400 listing each field, and unknown fields', async () => {
    const res = await request(http).post('/users').send({ username: 'No', email: 'not-mail', password: 'short', admin: true }).expect(400);
    const messages: string[] = res.body.message;
    assert.ok(Array.isArray(messages));
    for (const field of ['username', 'email', 'password', 'admin']) {
      assert.ok(
        messages.some((m) => m.includes(field)),
        `no message names ${field}: ${JSON.stringify(messages)}`,
      );
    }
    const empty = await request(http).patch('/users/whoever').send({}).expect(400);
    assert.ok(empty.body.message.some((m: string) => m.includes('username')));
    assert.ok(empty.body.message.some((m: string) => m.includes('email')));
  });

  it('answers 409 for an e-mail already registered, whatever its case', async () => {
    const user = await register();
    const res = await request(http)
      .post('/users')
      .send({ ...newUser(), email: user.email.toUpperCase() })
      .expect(409);
    assert.equal(res.body.statusCode, 409);
    assert.match(res.body.message, /already registered/);
  });

  it('answers 401 to a wrong password and 200 to the right one, then awards first_login with a caused notification', async () => {
    const user = await register();
    await request(http).post('/users/login').send({ email: user.email, password: 'wrong-password' }).expect(401);
    await request(http).post('/users/login').send({ email: 'nobody@example.com', password: 'wrong-password' }).expect(401);
    assert.equal(eventsOf('user.logged_in', user.id).length, 0);

    const before = await stats();
    const res = await request(http)
      .post('/users/login')
      .set('User-Agent', 'e2e-agent/1.0')
      .send({ email: user.email, password: user.password })
      .expect(200);
    assert.deepEqual(res.body, { user_id: user.id });
    const [login] = eventsOf<UserLoggedInPayload>('user.logged_in', user.id);
    assert.equal(login!.data.user_agent, 'e2e-agent/1.0');
    assert.equal(typeof login!.data.ip, 'string');

    const achievements = await waitFor(
      async () => {
        const body = (await request(http).get(`/users/${user.id}/achievements`).expect(200)).body as { code: string }[];
        return body.some((a) => a.code === 'first_login') ? body : undefined;
      },
      { description: 'the first_login achievement' },
    );
    assert.deepEqual(
      achievements.map((a) => a.code),
      ['first_login'],
    );
    const [notification] = await waitFor(() => eventsOf<NotificationCreatedPayload>('notification.created', user.id), {
      description: 'the achievement notification',
    });
    assert.equal(notification!.correlationId, login!.correlationId);
    assert.equal(notification!.causationId, login!.id);
    assert.equal(notification!.data.type, 'achievement');
    assert.deepEqual(notification!.data.channels, ['in_app']);

    const after = await stats();
    assert.equal(after.daily_active_users.at(-1).count, before.daily_active_users.at(-1).count + 1);
    const types = (await request(http).get(`/users/${user.id}/activity?limit=1`).expect(200)).body.map((e: { type: string }) => e.type);
    assert.deepEqual(types, ['user.logged_in']);
  });

  it('updates a profile: 200, user.updated names only changed fields, profile_completed is awarded, 409 on a taken e-mail', async () => {
    const user = await register();
    const other = await register();
    const renamed = `${user.username}_x`.slice(0, 32);
    const res = await request(http).patch(`/users/${user.id}`).send({ username: renamed, email: user.email }).expect(200);
    assert.deepEqual(res.body, { id: user.id, username: renamed, email: user.email });
    const updates = eventsOf<UserUpdatedPayload>('user.updated', user.id);
    assert.deepEqual(
      updates.map((e) => e.data.changed_fields),
      [['username']],
    );

    await request(http).patch(`/users/${user.id}`).send({ username: renamed }).expect(200);
    assert.equal(eventsOf('user.updated', user.id).length, 1, 'an update that changes nothing publishes nothing');
    await request(http).patch(`/users/${user.id}`).send({ email: other.email }).expect(409);

    await waitFor(
      async () =>
        ((await request(http).get(`/users/${user.id}/achievements`)).body as { code: string }[]).some(
          (a) => a.code === 'profile_completed',
        ),
      { description: 'the profile_completed achievement' },
    );
  });

  it('deletes an account: 204, then it is gone but its history stays, and its e-mail is free again', async () => {
    const user = await register();
    const before = await stats();
    await request(http).delete(`/users/${user.id}`).expect(204);
    await request(http).get(`/users/${user.id}`).expect(404);
    await request(http).patch(`/users/${user.id}`).send({ username: 'renamed' }).expect(404);
    await request(http).delete(`/users/${user.id}`).expect(404);
    await request(http).post('/users/login').send({ email: user.email, password: user.password }).expect(401);

    const types = (await request(http).get(`/users/${user.id}/activity`).expect(200)).body.map((e: { type: string }) => e.type);
    assert.deepEqual(types, ['user.deleted', 'user.registered']);
    const after = await stats();
    assert.equal(after.deleted_users, before.deleted_users + 1);
    assert.equal(after.active_users, before.active_users - 1);
    assert.equal(after.total_users, before.total_users);

    await register({ ...newUser(), email: user.email });
  });

  it('answers 404 for an unknown id on every user route', async () => {
    const id = 'no-such-user';
    await request(http).get(`/users/${id}`).expect(404);
    await request(http).patch(`/users/${id}`).send({ username: 'someone' }).expect(404);
    await request(http).delete(`/users/${id}`).expect(404);
    await request(http).get(`/users/${id}/activity`).expect(404);
    await request(http).get(`/users/${id}/achievements`).expect(404);
  });

  it('validates query parameters', async () => {
    await request(http).get('/users/stats?days=0').expect(400);
    const res = await request(http).get('/users/stats?days=3').expect(200);
    assert.equal(res.body.daily_active_users.length, 3);
    await request(http).get('/users/someone/activity?limit=abc').expect(400);
  });
});
