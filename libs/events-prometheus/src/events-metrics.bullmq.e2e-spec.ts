import 'reflect-metadata';
import { Injectable } from '@nestjs/common';
import { createDomainEvent, OnDomainEvent } from '@webnovel/events';
import { BullMqDelivery } from '@webnovel/events-bullmq';
import { deleteKeysUnder, redisConnection, TcpProxy, waitFor } from '@webnovel/testing';
import { Redis } from 'ioredis';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { EventsMetricsModule } from './events-metrics.module.js';
import type { Exposition } from './test/exposition.parser.js';
import { startMetricsApp, type MetricsApp } from './test/metrics-app.fixture.js';

const QUEUE = 'metrics-events';
const SCRAPE_TIMEOUT_MS = 300;

class PaymentGatewayError extends Error {
  override readonly name = 'PaymentGatewayError';
}

@Injectable()
class PaymentHandlers {
  /** Fails, then waits a minute for its retry: a delayed job for as long as the test runs. */
  @OnDomainEvent('payment.failed', {
    name: 'Billing.retryLater',
    mode: 'async',
    retry: { maxAttempts: 3, initialDelayMs: 60_000, jitter: 'none' },
  })
  retryLater(): void {
    throw new PaymentGatewayError('gateway timeout');
  }

  /** Fails with no retry left: a dead letter. */
  @OnDomainEvent('payment.voided', { name: 'Billing.void', mode: 'async', retry: { maxAttempts: 1 } })
  void(): void {
    throw new PaymentGatewayError('card blocked');
  }
}

describe('EventsMetricsModule with BullMQ delivery on Redis (e2e)', () => {
  const redis = new Redis(redisConnection);
  const prefix = `metrics-${randomUUID().slice(0, 8)}`;
  // Between the application and Redis, so the test can take Redis away from the application alone.
  const proxy = new TcpProxy(redisConnection.port, redisConnection.host);
  let fixture: MetricsApp;

  const scrapeUntil = (check: (m: Exposition) => boolean, description: string, timeoutMs = 10_000) =>
    waitFor(
      async () => {
        const m = await fixture.scrape();
        return check(m) ? m : undefined;
      },
      { description, timeoutMs },
    );

  before(async () => {
    const port = await proxy.start();
    const delivery = new BullMqDelivery({ connection: { host: '127.0.0.1', port }, prefix, queueName: QUEUE, commandTimeoutMs: 1000 });
    fixture = await startMetricsApp(EventsMetricsModule.forRoot({ defaultMetrics: false, scrapeTimeoutMs: SCRAPE_TIMEOUT_MS }), {
      events: { delivery },
      handlers: false,
      providers: [PaymentHandlers],
    });
  });

  after(async () => {
    // Traffic through again first, or closing the application would wait on Redis.
    proxy.restore();
    await fixture?.app.close();
    await proxy.stop();
    await deleteKeysUnder(redis, prefix);
    await redis.quit();
  });

  it('reports every queue of the driver, with no errors while Redis answers', async () => {
    const m = await fixture.scrape();
    for (const state of ['waiting', 'active', 'delayed', 'failed'])
      assert.equal(m.value('events_queue_jobs', { queue: QUEUE, state }), 0, state);
    assert.equal(m.value('events_metrics_scrape_errors_total', { source: 'queues' }), 0);
    assert.equal(m.value('events_bus_ready'), 1);
  });

  it('shows a retry waiting out its backoff in events_retry_queue_size', async () => {
    await fixture.bus.publish(createDomainEvent({ type: 'payment.failed', data: {} }));
    const m = await scrapeUntil((s) => s.value('events_retry_queue_size', { queue: QUEUE }) === 1, 'the delayed retry');
    assert.equal(m.value('events_queue_jobs', { queue: QUEUE, state: 'delayed' }), 1);
    assert.equal(
      m.value('events_handled_total', { event_type: 'payment.failed', handler_name: 'Billing.retryLater', outcome: 'retried' }),
      1,
    );
  });

  it('shows a dead letter in events_dead_letter_queue_size', async () => {
    await fixture.bus.publish(createDomainEvent({ type: 'payment.voided', data: {} }));
    const m = await scrapeUntil((s) => s.value('events_dead_letter_queue_size', { queue: QUEUE }) === 1, 'the dead letter');
    assert.equal(
      m.value('events_handled_total', { event_type: 'payment.voided', handler_name: 'Billing.void', outcome: 'dead_lettered' }),
      1,
    );
  });

  it('answers a scrape quickly while Redis is unreachable, counting the error, and recovers once it is back', async (t) => {
    const before = await fixture.scrape();
    proxy.cut();
    const started = performance.now();
    const m = await fixture.scrape();
    const elapsed = performance.now() - started;
    t.diagnostic(`scrape answered in ${elapsed.toFixed(0)} ms with Redis unreachable`);
    assert.ok(elapsed < SCRAPE_TIMEOUT_MS + 1500, `the scrape took ${elapsed.toFixed(0)} ms`);
    assert.equal(
      m.value('events_metrics_scrape_errors_total', { source: 'queues' }),
      before.value('events_metrics_scrape_errors_total', { source: 'queues' })! + 1,
    );
    for (const name of ['events_retry_queue_size', 'events_dead_letter_queue_size', 'events_queue_jobs'])
      assert.equal(m.all(name).length, 0, `${name} has no samples rather than stale ones`);
    assert.equal(m.value('events_metrics_scrape_errors_total', { source: 'store' }), 0, 'no store, so nothing to fail');

    proxy.restore();
    const back = await scrapeUntil(
      (s) => s.value('events_dead_letter_queue_size', { queue: QUEUE }) === 1,
      'the queues to answer again',
      15_000,
    );
    assert.equal(back.value('events_retry_queue_size', { queue: QUEUE }), 1, 'the delayed retry survived the outage');
  });
});
