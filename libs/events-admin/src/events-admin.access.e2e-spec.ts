import 'reflect-metadata';
import { Injectable, Module, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { EventsModule } from '@webnovel/events';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import request from 'supertest';
import { InvalidEventsAdminOptionsError } from './errors/invalid-events-admin-options.error.js';
import { EventsAdminModule } from './events-admin.module.js';
import type { EventsAdminOptions, EventsAdminOptionsFactory } from './events-admin.options.js';
import {
  ADMIN_KEY,
  CapturingLogger,
  deadLettersFor,
  NEXT_ADMIN_KEY,
  quiet,
  startFixtureApp,
  type FixtureApp,
} from './test/admin-app.fixture.js';

/** Every admin route, for asserting that none is reachable. */
const ROUTES = [
  ['get', '/dead-letters'],
  ['get', '/dead-letters/abc.Billing.charge'],
  ['post', '/dead-letters/abc.Billing.charge/reprocess'],
  ['post', '/dead-letters/reprocess'],
  ['delete', '/dead-letters/abc.Billing.charge'],
  ['post', '/dead-letters/purge'],
  ['get', '/queues'],
  ['get', '/monitoring/summary'],
] as const;

const notFound = (method: string, url: string) => ({
  statusCode: 404,
  error: 'Not Found',
  message: `Cannot ${method.toUpperCase()} ${url}`,
});

async function withApp(fixture: FixtureApp, run: (fixture: FixtureApp) => Promise<void>): Promise<void> {
  try {
    await run(fixture);
  } finally {
    await fixture.app.close();
  }
}

/** A policy the app's guard depends on, exported by the app's own module. */
@Injectable()
class AccessPolicy {
  readonly roles = new Set(['ops']);
}

@Module({ providers: [AccessPolicy], exports: [AccessPolicy] })
class PolicyModule {}

@Injectable()
class RoleGuard implements CanActivate {
  constructor(private readonly policy: AccessPolicy) {}

  canActivate(context: ExecutionContext): boolean {
    const role = context.switchToHttp().getRequest<{ headers: Record<string, string> }>().headers['x-role'];
    return role !== undefined && this.policy.roles.has(role);
  }
}

@Injectable()
class DenyAll implements CanActivate {
  canActivate(): boolean {
    return false;
  }
}

@Injectable()
class AllowAll implements CanActivate {
  async canActivate(): Promise<boolean> {
    return true;
  }
}

describe('events admin access (e2e)', () => {
  it('answers 401 without a key or with a wrong one, and 200 with any configured key', async () => {
    await withApp(await startFixtureApp(EventsAdminModule.forRoot({ apiKeys: [ADMIN_KEY, NEXT_ADMIN_KEY] })), async ({ http }) => {
      const missing = await request(http).get('/admin/events/queues').expect(401);
      assert.deepEqual(missing.body, {
        statusCode: 401,
        error: 'Unauthorized',
        message: 'Missing API key: send it in the "x-api-key" header',
      });
      for (const wrong of ['wrong', `${ADMIN_KEY}x`, ADMIN_KEY.slice(1)]) {
        const res = await request(http).get('/admin/events/queues').set('x-api-key', wrong).expect(401);
        assert.equal(res.body.message, 'Invalid API key in the "x-api-key" header; send one of the keys the admin API is configured with');
        assert.ok(!res.text.includes(wrong), 'the body echoes the presented key');
      }
      await request(http).post('/admin/events/dead-letters/purge').send({ all: true }).expect(401);
      await request(http).get('/admin/events/queues').set('x-api-key', ADMIN_KEY).expect(200);
      await request(http).get('/admin/events/queues').set('X-API-KEY', NEXT_ADMIN_KEY).expect(200);
    });
  });

  it('reads the key from apiKeyHeader when set', async () => {
    const admin = EventsAdminModule.forRoot({ apiKeys: ADMIN_KEY, apiKeyHeader: 'X-Ops-Key' });
    await withApp(await startFixtureApp(admin), async ({ http }) => {
      await request(http).get('/admin/events/queues').set('x-ops-key', ADMIN_KEY).expect(200);
      const res = await request(http).get('/admin/events/queues').set('x-api-key', ADMIN_KEY).expect(401);
      assert.equal(res.body.message, 'Missing API key: send it in the "x-ops-key" header');
    });
  });

  it('uses the app guard instead of keys: 403 when it denies, 200 when it allows', async () => {
    await withApp(await startFixtureApp(EventsAdminModule.forRoot({ guard: DenyAll })), async ({ http }) => {
      const res = await request(http).get('/admin/events/queues').set('x-api-key', ADMIN_KEY).expect(403);
      assert.deepEqual(res.body, { statusCode: 403, error: 'Forbidden', message: 'Forbidden resource' });
    });
    await withApp(await startFixtureApp(EventsAdminModule.forRoot({ guard: AllowAll })), async ({ http }) => {
      await request(http).get('/admin/events/queues').expect(200);
    });
  });

  it('resolves an async-configured guard through DI, with its dependencies from imports', async () => {
    const admin = EventsAdminModule.forRootAsync({ imports: [PolicyModule], useFactory: () => ({ guard: RoleGuard }) });
    await withApp(await startFixtureApp(admin), async (fixture) => {
      await deadLettersFor(fixture, 'order.placed', 1);
      await request(fixture.http).get('/admin/events/dead-letters').expect(403);
      await request(fixture.http).get('/admin/events/dead-letters').set('x-role', 'reader').expect(403);
      const res = await request(fixture.http).get('/admin/events/dead-letters').set('x-role', 'ops').expect(200);
      assert.equal(res.body.total, 1);
    });
  });

  it('logs where the API is and how it is protected, never the keys', async () => {
    const logger = new CapturingLogger();
    await withApp(await startFixtureApp(EventsAdminModule.forRoot({ apiKeys: [ADMIN_KEY, NEXT_ADMIN_KEY] }), { logger }), async () => {
      assert.ok(
        logger
          .messages('log')
          .includes('Events admin API under /admin/events, authenticated by API key in the "x-api-key" header (2 keys accepted)'),
      );
      assert.ok(!logger.lines.some((l) => l.message.includes(ADMIN_KEY) || l.message.includes(NEXT_ADMIN_KEY)));
    });
  });
});

describe('events admin fails closed (e2e)', () => {
  it('forRoot without apiKeys or guard mounts no route and warns why and how to fix it', async () => {
    const logger = new CapturingLogger();
    await withApp(await startFixtureApp(EventsAdminModule.forRoot(), { logger }), async ({ http, deadLetters }) => {
      for (const [method, path] of ROUTES) {
        const url = `/admin/events${path}`;
        const res = await request(http)[method](url).set('x-api-key', ADMIN_KEY).expect(404);
        assert.deepEqual(res.body, notFound(method, url));
      }
      assert.deepEqual(logger.messages('warn'), [
        'The events admin API is disabled: EventsAdminModule.forRoot() got neither apiKeys nor guard, so its routes are not mounted. ' +
          'Pass apiKeys (keys of at least 16 random characters; several allow rotation) or guard (your own CanActivate class) to enable it.',
      ]);
      assert.ok(!logger.messages('log').some((m) => m.includes('/admin/events')), 'no admin route was mapped');
      // The rest of the app is unaffected.
      assert.equal((await deadLetters.list()).total, 0);
    });
  });

  it('forRootAsync whose factory gives neither answers 404 on every route, like an unknown route, and warns', async () => {
    const logger = new CapturingLogger();
    const admin = EventsAdminModule.forRootAsync({ path: 'ops/events', useFactory: async () => ({ apiKeyHeader: 'x-ops-key' }) });
    await withApp(await startFixtureApp(admin, { logger }), async (fixture) => {
      await deadLettersFor(fixture, 'order.placed', 1);
      for (const [method, path] of ROUTES) {
        const url = `/ops/events${path}`;
        const res = await request(fixture.http)[method](url).set('x-api-key', ADMIN_KEY).set('x-ops-key', ADMIN_KEY).expect(404);
        assert.deepEqual(res.body, notFound(method, url));
      }
      assert.deepEqual((await request(fixture.http).get('/nowhere').expect(404)).body, notFound('get', '/nowhere'));
      assert.deepEqual(logger.messages('warn'), [
        'The events admin API is disabled: the EventsAdminModule.forRootAsync() options have neither apiKeys nor guard, so every route ' +
          'under /ops/events answers 404. Return apiKeys (keys of at least 16 random characters; several allow rotation) or guard ' +
          '(your own CanActivate class) from the factory to enable it.',
      ]);
      assert.equal((await fixture.deadLetters.list()).total, 1, 'the dead letter is untouched');
    });
  });

  it('forRootAsync with keys from an injected config serves under its path', async () => {
    @Injectable()
    class AdminConfig implements EventsAdminOptionsFactory {
      createEventsAdminOptions(): EventsAdminOptions {
        return { apiKeys: `${ADMIN_KEY},${NEXT_ADMIN_KEY}`.split(',') };
      }
    }
    const viaClass = EventsAdminModule.forRootAsync({ path: '/ops/', useClass: AdminConfig });
    await withApp(await startFixtureApp(viaClass), async ({ http }) => {
      await request(http).get('/ops/queues').set('x-api-key', NEXT_ADMIN_KEY).expect(200);
      await request(http).get('/ops/queues').expect(401);
      await request(http).get('/admin/events/queues').set('x-api-key', ADMIN_KEY).expect(404);
    });
  });
});

describe('events admin options at bootstrap (e2e)', () => {
  const compile = (admin: ReturnType<typeof EventsAdminModule.forRoot>) =>
    Test.createTestingModule({ imports: [EventsModule.forRoot({ unknownEvents: 'allow' }), admin] })
      .setLogger(quiet)
      .compile();

  it('fails forRoot with every problem at once, and mounts nothing', async () => {
    await assert.rejects(
      compile(
        EventsAdminModule.forRoot({ path: 'admin/*', apiKeys: ['short-one', ''], apiKeyHeader: 'x key', apiKey: ADMIN_KEY } as never),
      ),
      (error: unknown) => {
        assert.ok(error instanceof InvalidEventsAdminOptionsError);
        assert.deepEqual(error.problems, [
          'unknown option "apiKey" (did you mean "apiKeys"?); the options are path, apiKeys, apiKeyHeader, guard',
          'path must be a route prefix of at most 200 characters made of URL-safe segments (letters, digits, "-", "_", "." and "~") ' +
            'separated by "/", such as "admin/events", without parameters, wildcards or empty segments; got "admin/*"',
          'apiKeys[0] is 9 characters long; use at least 16 random characters, such as the output of `openssl rand -hex 32`',
          'apiKeys[1] is empty (an unset environment variable?); set it to a random key, or drop it from apiKeys',
          'apiKeyHeader must be an HTTP header name (letters, digits and "-"), such as "x-api-key", got "x key"',
        ]);
        assert.match(error.message, /^EventsAdminModule\.forRoot\(\) options are invalid \(5 problems\):\n {2}- unknown option "apiKey"/);
        assert.ok(!error.message.includes('short-one') && !error.message.includes(ADMIN_KEY), 'the message shows a key');
        return true;
      },
    );
  });

  it('fails forRoot with both a guard and keys', async () => {
    await assert.rejects(compile(EventsAdminModule.forRoot({ guard: AllowAll, apiKeys: ADMIN_KEY })), {
      name: 'InvalidEventsAdminOptionsError',
      problems: [
        'pass either apiKeys or guard, not both: the admin API authenticates one way, and a guard silently overriding keys ' +
          'would hide which one protects it. To require a key as well, check it inside your guard',
      ],
    });
  });

  it('fails forRootAsync with the problems of its extras and of what the factory returned', async () => {
    const admin = EventsAdminModule.forRootAsync({
      path: '',
      useFactory: () => ({ path: 'ops', apiKeys: 'tiny', guard: 'RoleGuard' }) as never,
    });
    await assert.rejects(compile(admin), (error: unknown) => {
      assert.ok(error instanceof InvalidEventsAdminOptionsError);
      assert.equal(error.owner, 'EventsAdminModule.forRootAsync()');
      assert.deepEqual(error.problems, [
        'path must be a route prefix of at most 200 characters made of URL-safe segments (letters, digits, "-", "_", "." and "~") ' +
          'separated by "/", such as "admin/events", without parameters, wildcards or empty segments; got ""',
        'path was returned by the forRootAsync factory, but routes are mounted before the factory runs; ' +
          'pass it to forRootAsync({ path, useFactory }) itself',
        'apiKeys is 4 characters long; use at least 16 random characters, such as the output of `openssl rand -hex 32`',
        'guard must be a guard class (a class with a canActivate() method, such as `class AdminGuard implements CanActivate`), got "RoleGuard"',
        'pass either apiKeys or guard, not both: the admin API authenticates one way, and a guard silently overriding keys ' +
          'would hide which one protects it. To require a key as well, check it inside your guard',
      ]);
      return true;
    });
  });
});

describe('events admin in two apps of one process (e2e)', () => {
  it('mounts each app under its own prefix, with its own keys and dead letters', async () => {
    const first = await startFixtureApp(EventsAdminModule.forRoot({ apiKeys: ADMIN_KEY }));
    const second = await startFixtureApp(
      EventsAdminModule.forRootAsync({ path: 'ops/dlq', useFactory: () => ({ apiKeys: NEXT_ADMIN_KEY }) }),
      { globalPrefix: 'api' },
    );
    try {
      await deadLettersFor(first, 'order.placed', 2);
      await deadLettersFor(second, 'user.registered', 1);

      const one = (await request(first.http).get('/admin/events/dead-letters').set('x-api-key', ADMIN_KEY).expect(200)).body;
      assert.equal(one.total, 2);
      const two = (await request(second.http).get('/api/ops/dlq/dead-letters').set('x-api-key', NEXT_ADMIN_KEY).expect(200)).body;
      assert.equal(two.total, 1);
      assert.equal(two.items[0].handler, 'Mailer.welcome');

      await request(first.http).get('/ops/dlq/queues').set('x-api-key', ADMIN_KEY).expect(404);
      await request(first.http).get('/api/ops/dlq/queues').set('x-api-key', ADMIN_KEY).expect(404);
      await request(second.http).get('/admin/events/queues').set('x-api-key', NEXT_ADMIN_KEY).expect(404);
      await request(second.http).get('/api/admin/events/queues').set('x-api-key', NEXT_ADMIN_KEY).expect(404);
      await request(second.http).get('/api/ops/dlq/queues').set('x-api-key', ADMIN_KEY).expect(401);
      await request(first.http).get('/admin/events/queues').set('x-api-key', NEXT_ADMIN_KEY).expect(401);
    } finally {
      await Promise.all([first.app.close(), second.app.close()]);
    }
  });

  it('keeps an app closed next to an open one', async () => {
    const open = await startFixtureApp(EventsAdminModule.forRoot({ apiKeys: ADMIN_KEY }));
    const closed = await startFixtureApp(EventsAdminModule.forRoot());
    try {
      await request(open.http).get('/admin/events/queues').set('x-api-key', ADMIN_KEY).expect(200);
      await request(closed.http).get('/admin/events/queues').set('x-api-key', ADMIN_KEY).expect(404);
    } finally {
      await Promise.all([open.app.close(), closed.app.close()]);
    }
  });
});
