import 'reflect-metadata';
import {
  createDomainEvent,
  EventStoreUnavailableError,
  HandlersFailedError,
  InvalidEventEnvelopeError,
  type DomainEvent,
} from '@webnovel/events';
import { waitFor } from '@webnovel/testing';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_DURATION_BUCKETS } from './events-metrics.constants.js';
import { EVENTS_METRIC_NAMES } from './events-metric.names.js';
import { EventsMetricsModule } from './events-metrics.module.js';
import type { Exposition } from './test/exposition.parser.js';
import { FlakyStore, startMetricsApp, type MetricsApp } from './test/metrics-app.fixture.js';

const TYPES: Record<string, string> = {
  events_published_total: 'counter',
  events_publish_failures_total: 'counter',
  event_publish_duration_seconds: 'histogram',
  events_handled_total: 'counter',
  event_handle_duration_seconds: 'histogram',
  events_store_append_duration_seconds: 'histogram',
  events_store_append_failures_total: 'counter',
  events_transport_messages_total: 'counter',
  events_transport_duration_seconds: 'histogram',
  events_retry_queue_size: 'gauge',
  events_dead_letter_queue_size: 'gauge',
  events_queue_jobs: 'gauge',
  events_outbox_oldest_pending_age_seconds: 'gauge',
  events_bus_ready: 'gauge',
  events_metrics_scrape_errors_total: 'counter',
};

const event = (type: string): DomainEvent => createDomainEvent({ type, data: {} });
const handled = (m: Exposition, event_type: string, handler_name: string, outcome: string) =>
  m.count('events_handled_total', { event_type, handler_name, outcome });
const handleRuns = (m: Exposition, event_type: string, handler_name: string) =>
  m.count('event_handle_duration_seconds_count', { event_type, handler_name });

describe('EventsMetricsModule over HTTP (in-process delivery, memory store)', () => {
  let fixture: MetricsApp;

  before(async () => {
    fixture = await startMetricsApp(EventsMetricsModule.forRoot(), { events: { store: 'memory', outbox: { enabled: false } } });
  });

  after(async () => {
    await fixture?.app.close();
  });

  /** Scrapes until `check` holds, for what async handlers record after publish resolved. */
  const scrapeUntil = (check: (m: Exposition) => boolean, description: string) =>
    waitFor(
      async () => {
        const m = await fixture.scrape();
        return check(m) ? m : undefined;
      },
      { description },
    );

  it('serves every events metric with its type, the process metrics and the gauges, in the Prometheus text format', async () => {
    const m = await fixture.scrape();
    assert.deepEqual(Object.keys(TYPES).sort(), [...EVENTS_METRIC_NAMES].sort(), 'the test covers every name');
    for (const name of EVENTS_METRIC_NAMES) assert.equal(m.types.get(name), TYPES[name], `# TYPE of ${name}`);
    assert.equal(m.types.get('process_cpu_user_seconds_total'), 'counter', 'default metrics are on by default');
    assert.ok(m.types.has('nodejs_eventloop_lag_seconds'));
    assert.equal(m.value('events_bus_ready'), 1);
    assert.equal(m.value('events_outbox_oldest_pending_age_seconds'), 0, 'nothing pending yet');
    assert.equal(m.value('events_metrics_scrape_errors_total', { source: 'queues' }), 0);
    assert.equal(m.value('events_metrics_scrape_errors_total', { source: 'store' }), 0);
    for (const state of ['waiting', 'active', 'delayed', 'failed'])
      assert.equal(m.value('events_queue_jobs', { queue: 'in-process', state }), 0, state);
    assert.equal(m.value('events_retry_queue_size', { queue: 'in-process' }), 0);
    assert.equal(m.value('events_dead_letter_queue_size', { queue: 'in-process' }), 0);
  });

  it('counts a successful publish, times it, and times its store append', async () => {
    const before = await fixture.scrape();
    await fixture.bus.publish(event('book.published'));
    const m = await scrapeUntil(
      (s) => handled(s, 'book.published', 'Mailer.notify', 'success') > handled(before, 'book.published', 'Mailer.notify', 'success'),
      'the async handler',
    );

    assert.equal(
      m.count('events_published_total', { event_type: 'book.published' }) -
        before.count('events_published_total', { event_type: 'book.published' }),
      1,
    );
    assert.equal(m.all('events_publish_failures_total', { event_type: 'book.published' }).length, 0, 'no failure series');
    const published = m.count('event_publish_duration_seconds_count', { event_type: 'book.published' });
    assert.equal(published - before.count('event_publish_duration_seconds_count', { event_type: 'book.published' }), 1);
    assert.ok(m.value('event_publish_duration_seconds_sum', { event_type: 'book.published' })! > 0);
    assert.equal(m.value('event_publish_duration_seconds_bucket', { event_type: 'book.published', le: '+Inf' }), published);

    const store = { store: 'InMemoryEventStore' };
    assert.equal(
      m.count('events_store_append_duration_seconds_count', store) - before.count('events_store_append_duration_seconds_count', store),
      1,
    );
    assert.equal(m.value('events_store_append_failures_total', store), 0);
  });

  it('counts and times a successful sync and async handler run', async () => {
    const before = await fixture.scrape();
    await fixture.bus.publish(event('book.published'));
    const m = await scrapeUntil(
      (s) => handled(s, 'book.published', 'Mailer.notify', 'success') > handled(before, 'book.published', 'Mailer.notify', 'success'),
      'the async handler',
    );
    for (const handler of ['Audit.record', 'Mailer.notify']) {
      assert.equal(handled(m, 'book.published', handler, 'success') - handled(before, 'book.published', handler, 'success'), 1, handler);
      assert.equal(handleRuns(m, 'book.published', handler) - handleRuns(before, 'book.published', handler), 1, `${handler} timed`);
      assert.ok(m.value('event_handle_duration_seconds_sum', { event_type: 'book.published', handler_name: handler })! > 0);
    }
  });

  it('uses the default buckets, from 50 µs, so sub-millisecond runs land in distinct buckets', async () => {
    const m = await fixture.scrape();
    const bounds = m
      .all('event_handle_duration_seconds_bucket', { event_type: 'book.published', handler_name: 'Audit.record' })
      .map((s) => s.labels.le);
    assert.deepEqual(bounds, [...DEFAULT_DURATION_BUCKETS.map(String), '+Inf']);
    assert.equal(bounds.filter((le) => Number(le) < 0.001).length, 4, 'four buckets below one millisecond');
  });

  it('counts a retried async run, then its success, timing both runs', async () => {
    await fixture.bus.publish(event('chapter.added'));
    const m = await scrapeUntil((s) => handled(s, 'chapter.added', 'Search.index', 'success') === 1, 'the retry to succeed');
    assert.equal(handled(m, 'chapter.added', 'Search.index', 'retried'), 1);
    assert.equal(handled(m, 'chapter.added', 'Search.index', 'dead_lettered'), 0);
    assert.equal(handleRuns(m, 'chapter.added', 'Search.index'), 2);
  });

  it('counts a dead letter after the last retry and shows it in the dead-letter gauge', async () => {
    await fixture.bus.publish(event('chapter.removed'));
    const m = await scrapeUntil((s) => handled(s, 'chapter.removed', 'Search.purge', 'dead_lettered') === 1, 'the dead letter');
    assert.equal(handled(m, 'chapter.removed', 'Search.purge', 'retried'), 1);
    assert.equal(handled(m, 'chapter.removed', 'Search.purge', 'success'), 0);
    assert.equal(handleRuns(m, 'chapter.removed', 'Search.purge'), 2, 'both runs are timed');
    assert.equal(m.value('events_dead_letter_queue_size', { queue: 'in-process' }), 1);
  });

  it('counts a failed sync handler as a failure and the publish it rejected by error class', async () => {
    await assert.rejects(fixture.bus.publish(event('review.posted')), HandlersFailedError);
    const m = await fixture.scrape();
    assert.equal(handled(m, 'review.posted', 'Moderation.check', 'failure'), 1);
    assert.equal(handleRuns(m, 'review.posted', 'Moderation.check'), 1);
    assert.equal(m.value('events_publish_failures_total', { event_type: 'review.posted', error: 'HandlersFailedError' }), 1);
    assert.equal(
      m.value('events_published_total', { event_type: 'review.posted' }),
      0,
      'not counted as published (the series starts at zero)',
    );
    assert.equal(m.value('event_publish_duration_seconds_count', { event_type: 'review.posted' }), 1, 'rejected publishes are timed');
  });

  it('counts a redelivered copy as skipped_duplicate without timing it', async () => {
    const copy = event('author.followed');
    await fixture.bus.publish(copy);
    await scrapeUntil((s) => handled(s, 'author.followed', 'Feed.append', 'success') === 1, 'the first delivery');
    // The in-process inbox remembers the completed pair, so the same event delivered again is skipped.
    await fixture.bus.publish(copy);
    const m = await scrapeUntil((s) => handled(s, 'author.followed', 'Feed.append', 'skipped_duplicate') === 1, 'the skip');
    assert.equal(handled(m, 'author.followed', 'Feed.append', 'success'), 1);
    assert.equal(handleRuns(m, 'author.followed', 'Feed.append'), 1, 'the skip did not run, so it is not timed');
  });

  it('counts a publish rejected before preparation under event_type "invalid"', async () => {
    await assert.rejects(fixture.bus.publish({ type: 'Not A Type' } as unknown as DomainEvent), InvalidEventEnvelopeError);
    const m = await fixture.scrape();
    assert.equal(m.value('events_publish_failures_total', { event_type: 'invalid', error: 'InvalidEventEnvelopeError' }), 1);
  });
});

describe('EventsMetricsModule with a failing store', () => {
  let fixture: MetricsApp;
  const store = new FlakyStore();

  before(async () => {
    fixture = await startMetricsApp(EventsMetricsModule.forRoot({ defaultMetrics: false }), {
      events: { store, outbox: { enabled: false } },
    });
  });

  after(async () => {
    await fixture?.app.close();
  });

  it('counts a failed append and the publish it rejected, timing both appends', async () => {
    await fixture.bus.publish(event('book.published'));
    store.failAppends = true;
    await assert.rejects(fixture.bus.publish(event('book.published')), EventStoreUnavailableError);
    store.failAppends = false;
    const m = await fixture.scrape();
    assert.equal(m.value('events_store_append_duration_seconds_count', { store: 'FlakyStore' }), 2);
    assert.equal(m.value('events_store_append_failures_total', { store: 'FlakyStore' }), 1);
    assert.equal(m.value('events_published_total', { event_type: 'book.published' }), 1);
    assert.equal(m.value('events_publish_failures_total', { event_type: 'book.published', error: 'EventStoreUnavailableError' }), 1);
  });

  it('reports how long the oldest event has waited to be marked dispatched', async () => {
    store.failMarks = true;
    await fixture.bus.publish(event('book.published'));
    const m = await waitFor(
      async () => {
        const s = await fixture.scrape();
        return s.value('events_outbox_oldest_pending_age_seconds')! > 0 ? s : undefined;
      },
      { description: 'a pending event to age' },
    );
    assert.ok(m.value('events_outbox_oldest_pending_age_seconds')! < 60, 'in seconds, not milliseconds');
  });
});
