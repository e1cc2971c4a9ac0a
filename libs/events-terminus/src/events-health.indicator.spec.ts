import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { InMemoryEventStore } from '@webnovel/events';
import { withTimeout } from '@webnovel/testing';
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { EventsHealthIndicator } from './events-health.indicator.js';
import { EventsHealthModule } from './events-health.module.js';
import { redactCredentials } from './redact-credentials.util.js';
import { createHealthApp, FailingStore, GatedDelivery, HangingStore, UnpingableStore } from './test/health-app.fixture.js';

const NOT_READY = 'EventsModule is not ready: it is still discovering handlers or starting the delivery consumers, or it is shutting down';

describe('EventsHealthIndicator', () => {
  const apps: INestApplication[] = [];
  after(async () => {
    for (const app of apps) await app.close();
  });

  async function started(events: Parameters<typeof createHealthApp>[1], timeoutMs?: number) {
    const app = await createHealthApp(EventsHealthModule.forRoot({ controller: false, ...(timeoutMs ? { timeoutMs } : {}) }), events);
    apps.push(app);
    await app.init();
    return app.get(EventsHealthIndicator);
  }

  it('reports readiness down while the delivery driver starts, up once it runs, and down again once shutdown begins', async () => {
    const delivery = new GatedDelivery();
    const app = await createHealthApp(EventsHealthModule.forRoot({ controller: false }), { delivery });
    const indicator = app.get(EventsHealthIndicator);
    assert.deepEqual(await indicator.readiness(), { events: { status: 'down', ready: false, message: NOT_READY } });

    const init = app.init();
    await withTimeout(delivery.startEntered.promise, 5000, 'the driver to be started');
    assert.deepEqual(await indicator.readiness(), { events: { status: 'down', ready: false, message: NOT_READY } }, 'start not finished');
    delivery.startGate.resolve();
    await withTimeout(init, 5000, 'init once the driver started');
    assert.deepEqual(await indicator.readiness(), { events: { status: 'up', ready: true } });

    const closing = app.close();
    await withTimeout(delivery.closeEntered.promise, 5000, 'the driver to be closing');
    assert.deepEqual(await indicator.readiness('bus'), { bus: { status: 'down', ready: false, message: NOT_READY } }, 'shutting down');
    delivery.closeGate.resolve();
    await withTimeout(closing, 5000, 'close once the driver closed');
  });

  it('counts a driver without a backend and a missing store as up, not checked', async () => {
    const indicator = await started({});
    assert.deepEqual(await indicator.delivery(), {
      event_delivery: { status: 'up', component: 'InProcessDelivery', checked: false, message: 'InProcessDelivery has no backend to ping' },
    });
    assert.deepEqual(await indicator.store(), {
      event_store: { status: 'up', checked: false, message: 'EventsModule has no store, so there is none to check' },
    });
    const withoutPing = await started({ store: new UnpingableStore() });
    assert.deepEqual(await withoutPing.store('log'), {
      log: {
        status: 'up',
        component: 'UnpingableStore',
        checked: false,
        message: 'UnpingableStore does not implement ping(), so it is not checked',
      },
    });
  });

  it('reports a store that answers as up with its class and latency', async () => {
    const indicator = await started({ store: new InMemoryEventStore() });
    const { event_store } = await indicator.store();
    assert.equal(event_store.status, 'up');
    assert.equal(event_store.component, 'InMemoryEventStore');
    assert.ok(typeof event_store.latencyMs === 'number' && event_store.latencyMs >= 0 && event_store.latencyMs < 1000);
  });

  it('reports a store whose ping hangs as down once timeoutMs has passed', async () => {
    const indicator = await started({ store: new HangingStore() }, 50);
    const startedAt = performance.now();
    const result = await withTimeout(indicator.store(), 5000, 'the store check to give up');
    const elapsed = performance.now() - startedAt;
    assert.deepEqual(result, { event_store: { status: 'down', component: 'HangingStore', error: 'Error: no answer within 50 ms' } });
    assert.ok(elapsed >= 45 && elapsed < 2000, `gave up after ${elapsed.toFixed(0)} ms`);
    // A per-call timeout overrides the module's.
    assert.deepEqual(await indicator.store('slow_store', 20), {
      slow_store: { status: 'down', component: 'HangingStore', error: 'Error: no answer within 20 ms' },
    });
  });

  it('reports a failing ping as down with the driver error, credentials masked', async () => {
    const error = new Error('getaddrinfo ENOTFOUND db for postgres://app:s3cret@db:5432/events (password=s3cret)');
    const indicator = await started({ store: new FailingStore(error) });
    assert.deepEqual(await indicator.store(), {
      event_store: {
        status: 'down',
        component: 'FailingStore',
        error: 'Error: getaddrinfo ENOTFOUND db for postgres://***@db:5432/events (password=***)',
      },
    });
  });
});

describe('redactCredentials', () => {
  it('masks the user info of URLs and password-like values, and leaves the rest', () => {
    assert.equal(
      redactCredentials('redis://:pw@cache:6379/0, mongodb+srv://u:p@x.example/db?authSource=admin&password=p; TOKEN=abc'),
      'redis://***@cache:6379/0, mongodb+srv://***@x.example/db?authSource=admin&password=***; TOKEN=***',
    );
    assert.equal(redactCredentials('connect ECONNREFUSED 127.0.0.1:6379'), 'connect ECONNREFUSED 127.0.0.1:6379');
    assert.equal(redactCredentials('see https://example.com/docs'), 'see https://example.com/docs');
  });
});
