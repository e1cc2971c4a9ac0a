// The user service configured from its environment to share its events through RabbitMQ (EVENTS_TRANSPORT=hybrid):
// a registration reaches another service's handler through the broker, the user service's own handlers run once in
// process, and a login (local only by default) never leaves the process.
import 'reflect-metadata';
import { Injectable, type INestApplication, type INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { webNovelCatalog, webNovelUpcasters, type UserRegisteredEvent } from '@webnovel/contracts';
import { EventsModule, OnDomainEvent, type DomainEvent } from '@webnovel/events';
import { RabbitMqTransport } from '@webnovel/events-rabbitmq';
import { createVhost, listRows, waitFor, type TestVhost } from '@webnovel/testing';
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { InvalidUserServiceConfigError, readUserServiceConfig } from './app.config.js';
import { AppModule } from './app.module.js';
import { configureApp } from './app.setup.js';
import type { InMemoryMailSender } from './welcome-email/in-memory-mail.sender.js';
import { MAIL_SENDER } from './welcome-email/mail-sender.port.js';

const quiet = { log() {}, warn() {}, error() {}, debug() {}, verbose() {} };
const received: DomainEvent[] = [];

/** Another service of the platform, in the same process for the test's sake, with its own queue on the broker. */
@Injectable()
class Onboarding {
  @OnDomainEvent(['user.registered', 'user.logged_in'], { name: 'Onboarding.track' })
  track(event: DomainEvent) {
    received.push(event);
  }
}

describe('user app on RabbitMQ, hybrid mode (e2e)', () => {
  let vhost: TestVhost;
  let app: INestApplication;
  let onboarding: INestApplicationContext;
  let http: Server;

  before(async () => {
    vhost = await createVhost('user-app');
    const config = readUserServiceConfig({ EVENTS_TRANSPORT: 'hybrid', RABBITMQ_URL: vhost.url, LOG_LEVEL: 'silent' });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
    app = configureApp(moduleRef.createNestApplication({ logger: ['error'] }), config.logLevel);
    await app.init();
    http = app.getHttpServer() as Server;
    const other = await Test.createTestingModule({
      imports: [
        EventsModule.forRoot({
          source: 'onboarding-service',
          catalog: webNovelCatalog,
          upcasters: webNovelUpcasters,
          logHandlers: false,
          transport: { adapter: new RabbitMqTransport({ url: vhost.url }), mode: 'hybrid' },
        }),
      ],
      providers: [Onboarding],
    })
      .setLogger(quiet)
      .compile();
    onboarding = await other.init();
  });

  after(async () => {
    await Promise.all([app?.close(), onboarding?.close()]);
    await vhost?.delete();
  });

  it('hands a registration to another service through the broker, and runs its own handlers once, in process', async () => {
    const email = `rabbit_${process.pid}@example.com`;
    await request(http)
      .post('/users')
      .send({ username: `rabbit_${process.pid}`, email, password: 'correct-horse-battery' })
      .expect(201);
    await waitFor(() => received.some((e) => e.type === 'user.registered'), { description: 'the registration to reach onboarding' });
    const registered = received.find((e) => e.type === 'user.registered') as UserRegisteredEvent;
    assert.equal(registered.source, 'user-service');
    assert.equal(registered.data.email, email);
    // The welcome mail ran in the user service itself; the broker's copy back to it ran nothing more.
    const mail = app.get<InMemoryMailSender>(MAIL_SENDER);
    await waitFor(() => mail.sent(email).length === 1, { description: 'the welcome mail' });
    await waitFor(async () => (await listRows(vhost.name, 'queues', 'name', 'messages')).every(([, n]) => n === '0'), {
      description: 'both queues to drain',
    });
    assert.equal(mail.sent(email).length, 1);
  });

  it('keeps a login in the process: the other service never sees it', async () => {
    const username = `login_${process.pid}`;
    const password = 'correct-horse-battery';
    const { body: user } = await request(http)
      .post('/users')
      .send({ username, email: `${username}@example.com`, password })
      .expect(201);
    await request(http)
      .post('/users/login')
      .send({ email: `${username}@example.com`, password })
      .expect(200);
    // The user service's own activity log saw the login, in process.
    await waitFor(
      async () =>
        ((await request(http).get(`/users/${user.id}/activity`)).body as { type: string }[]).some((a) => a.type === 'user.logged_in'),
      { description: 'the login in the activity log' },
    );
    // A marker published after the login on the same channel: once it has arrived, the login would have too.
    const marker = `marker_${process.pid}`;
    await request(http)
      .post('/users')
      .send({ username: marker, email: `${marker}@example.com`, password })
      .expect(201);
    await waitFor(() => received.some((e) => (e as UserRegisteredEvent).data.username === marker), { description: 'the marker' });
    assert.ok(
      received.every((e) => e.type !== 'user.logged_in'),
      'no login reached the broker',
    );
  });

  it('refuses a transport it cannot use, naming the variable', () => {
    assert.throws(
      () => readUserServiceConfig({ EVENTS_TRANSPORT: 'rabbitmq' }),
      (error: unknown) =>
        error instanceof InvalidUserServiceConfigError &&
        error.message ===
          'The user service environment is invalid:\n' +
            '  - RABBITMQ_URL is required with EVENTS_TRANSPORT=rabbitmq, such as amqp://guest:guest@127.0.0.1:5672',
    );
  });
});
