import 'reflect-metadata';
import type { DeliveryQueueCounts, StoredEvent } from '@webnovel/events';
import { deferred } from '@webnovel/testing';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Registry } from 'prom-client';
import { parseExposition } from '../test/exposition.parser.js';
import { CapturingLogger } from '../test/metrics-app.fixture.js';
import { MetricSet } from './metric-set.js';
import { EventsScrapeGauges, type ScrapeSources } from './scrape.gauges.js';

const NOW = Date.parse('2024-05-01T12:00:00Z');
const QUEUE_GAUGES = ['events_retry_queue_size', 'events_dead_letter_queue_size', 'events_queue_jobs'];

const counts = (queue: string, n: Partial<DeliveryQueueCounts> = {}): DeliveryQueueCounts => ({
  queue,
  waiting: 0,
  active: 0,
  delayed: 0,
  failed: 0,
  dead: 0,
  ...n,
});

function gauges(sources: Partial<ScrapeSources>, timeoutMs = 50) {
  const registry = new Registry();
  const logger = new CapturingLogger();
  const clock = { now: NOW };
  new EventsScrapeGauges(
    new MetricSet(registry),
    { queueCounts: async () => [], oldestPending: async () => null, ready: () => true, ...sources },
    timeoutMs,
    logger,
    () => clock.now,
  );
  return { registry, logger, clock, scrape: async () => parseExposition(await registry.metrics()) };
}

describe('scrape-time gauges', () => {
  it('reports each queue by state, its delayed jobs as the retry queue and its dead letters, dropping queues that went away', async () => {
    let queues = [
      counts('events', { waiting: 3, active: 2, delayed: 4, failed: 1, dead: 5 }),
      counts('events.Billing.charge', { dead: 1 }),
    ];
    const { scrape } = gauges({ queueCounts: async () => queues });
    let m = await scrape();
    assert.deepEqual(
      m.all('events_queue_jobs', { queue: 'events' }).map((s) => [s.labels.state, s.value]),
      [
        ['waiting', 3],
        ['active', 2],
        ['delayed', 4],
        ['failed', 1],
      ],
    );
    assert.equal(m.value('events_retry_queue_size', { queue: 'events' }), 4);
    assert.equal(m.value('events_dead_letter_queue_size', { queue: 'events' }), 5);
    assert.equal(m.value('events_dead_letter_queue_size', { queue: 'events.Billing.charge' }), 1);

    queues = [counts('events')];
    m = await scrape();
    assert.equal(m.all('events_dead_letter_queue_size', { queue: 'events.Billing.charge' }).length, 0, 'no stale series');
    assert.equal(m.value('events_dead_letter_queue_size', { queue: 'events' }), 0);
  });

  it('reports the age of the oldest pending event in seconds, 0 when none is pending, and readiness as 1 or 0', async () => {
    let oldest: StoredEvent | null = null;
    let ready = true;
    const { scrape } = gauges({ oldestPending: async () => oldest, ready: () => ready });
    assert.equal((await scrape()).value('events_outbox_oldest_pending_age_seconds'), 0);
    assert.equal((await scrape()).value('events_bus_ready'), 1);

    oldest = { storedAt: new Date(NOW - 90_500) } as StoredEvent;
    ready = false;
    const m = await scrape();
    assert.equal(m.value('events_outbox_oldest_pending_age_seconds'), 90.5);
    assert.equal(m.value('events_bus_ready'), 0);
    oldest = { storedAt: new Date(NOW + 5_000) } as StoredEvent;
    assert.equal((await scrape()).value('events_outbox_oldest_pending_age_seconds'), 0, 'a clock skew does not go negative');
  });

  it('leaves the queue gauges without samples when the counts fail, counting one error per scrape', async () => {
    let calls = 0;
    let fail = false;
    const { scrape, logger } = gauges({
      queueCounts: async () => {
        calls++;
        if (fail) throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
        return [counts('events', { delayed: 2 })];
      },
    });
    assert.equal((await scrape()).value('events_retry_queue_size', { queue: 'events' }), 2);
    fail = true;
    const m = await scrape();
    for (const name of QUEUE_GAUGES) assert.equal(m.all(name).length, 0, `${name} has no samples`);
    assert.equal(m.value('events_metrics_scrape_errors_total', { source: 'queues' }), 1, 'one error for the three gauges');
    assert.equal(m.value('events_metrics_scrape_errors_total', { source: 'store' }), 0);
    assert.equal(m.value('events_outbox_oldest_pending_age_seconds'), 0, 'the store gauge is unaffected');
    assert.equal(calls, 2, 'the three gauges of a scrape share one read');
    assert.deepEqual(logger.messages('warn'), [
      'Scrape could not read the delivery queue counts (Error: connect ECONNREFUSED 127.0.0.1:6379); its gauges have no samples ' +
        'and events_metrics_scrape_errors_total{source="queues"} counts the failures. Further failures are logged at most once a minute.',
    ]);
  });

  it('warns about a lasting failure once a minute, with how many failures it did not log', async () => {
    const { scrape, logger, clock } = gauges({ oldestPending: () => Promise.reject(new Error('pool exhausted')) });
    await scrape();
    clock.now += 30_000;
    await scrape();
    await scrape();
    assert.equal(logger.messages('warn').length, 1);
    clock.now += 30_000;
    const m = await scrape();
    assert.equal(m.value('events_metrics_scrape_errors_total', { source: 'store' }), 4);
    assert.equal(m.all('events_outbox_oldest_pending_age_seconds').length, 0, 'no sample rather than a misleading 0');
    const warnings = logger.messages('warn');
    assert.equal(warnings.length, 2);
    assert.match(
      warnings[1]!,
      /^Scrape could not read the event store \(Error: pool exhausted\); .* \(2 more failures since the last warning\)\./,
    );
  });

  it('answers within scrapeTimeoutMs while the counts hang, without piling up calls, and recovers when they answer', async () => {
    const hanging = deferred<DeliveryQueueCounts[]>();
    let calls = 0;
    const { scrape, logger } = gauges(
      {
        queueCounts: () => {
          calls++;
          return hanging.promise;
        },
      },
      30,
    );
    const started = performance.now();
    let m = await scrape();
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 1000, `the scrape took ${elapsed.toFixed(0)} ms`);
    assert.equal(m.all('events_queue_jobs').length, 0);
    assert.equal(m.value('events_metrics_scrape_errors_total', { source: 'queues' }), 1);
    assert.match(
      logger.messages('warn')[0]!,
      /\(MetricsSourceTimeoutError: the delivery queues did not answer within 30 ms \(scrapeTimeoutMs\)\)/,
    );

    m = await scrape();
    assert.equal(calls, 1, 'the second scrape waited on the call still in flight');
    assert.equal(m.value('events_metrics_scrape_errors_total', { source: 'queues' }), 2);

    hanging.resolve([counts('events', { waiting: 7 })]);
    await hanging.promise;
    m = await scrape();
    assert.equal(calls, 2, 'once the hung call settled, the next scrape asks again');
    assert.equal(m.value('events_queue_jobs', { queue: 'events', state: 'waiting' }), 7);
    assert.equal(m.value('events_metrics_scrape_errors_total', { source: 'queues' }), 2, 'no error once it answers');
  });

  it('survives a source that throws instead of rejecting', async () => {
    const { scrape } = gauges({
      queueCounts: () => {
        throw new TypeError('not connected');
      },
    });
    const m = await scrape();
    assert.equal(m.value('events_metrics_scrape_errors_total', { source: 'queues' }), 1);
    assert.equal(m.value('events_bus_ready'), 1);
  });
});
