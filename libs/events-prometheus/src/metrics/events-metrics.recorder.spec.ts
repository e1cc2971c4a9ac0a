import 'reflect-metadata';
import { createDomainEvent, type HandleRecord } from '@webnovel/events';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Registry } from 'prom-client';
import { parseExposition } from '../test/exposition.parser.js';
import { errorLabel, EventsMetricsRecorder } from './events-metrics.recorder.js';
import { MetricSet } from './metric-set.js';
import { PlainCounter, PlainHistogram } from './plain.metrics.js';

const event = createDomainEvent({ type: 'book.published', data: {} });
const run = (outcome: HandleRecord['outcome'], durationMs: number): HandleRecord => ({
  handler: 'Mailer.notify',
  mode: 'async',
  event,
  outcome,
  attempt: 1,
  durationMs,
  at: Date.now(),
});

function recorder() {
  const registry = new Registry();
  const recorder = new EventsMetricsRecorder(new MetricSet(registry), [0.001, 0.01, 0.1]);
  return { registry, recorder, scrape: async () => parseExposition(await registry.metrics()) };
}

describe('EventsMetricsRecorder', () => {
  it('labels a rejected publish with the error class name, or "unknown" when there is none to trust', () => {
    class QuotaExceededError extends Error {
      override readonly name = 'QuotaExceededError';
    }
    assert.equal(errorLabel(new QuotaExceededError('over')), 'QuotaExceededError');
    assert.equal(errorLabel(new TypeError('x')), 'TypeError');
    assert.equal(errorLabel({ name: 'PlainObjectError' }), 'PlainObjectError');
    for (const thrown of ['a string', 42, null, undefined, { name: 'has spaces in it' }, { name: 'x'.repeat(101) }, { name: 7 }])
      assert.equal(errorLabel(thrown), 'unknown', JSON.stringify(thrown));
  });

  it('observes durations in seconds and leaves out runs that did not happen', async () => {
    const { recorder: r, scrape } = recorder();
    r.handled(run('success', 5));
    r.handled(run('skipped_duplicate', 0));
    r.handled(run('dead_lettered', 0));
    r.handled(run('failure', 0));
    const m = await scrape();
    const labels = { event_type: 'book.published', handler_name: 'Mailer.notify' };
    for (const outcome of ['success', 'skipped_duplicate', 'dead_lettered', 'failure'])
      assert.equal(m.value('events_handled_total', { ...labels, outcome }), 1, outcome);
    assert.equal(m.value('event_handle_duration_seconds_count', labels), 1, 'only the run that happened');
    assert.equal(m.value('event_handle_duration_seconds_sum', labels), 0.005);
    assert.equal(m.value('event_handle_duration_seconds_bucket', { ...labels, le: '0.001' }), 0);
    assert.equal(m.value('event_handle_duration_seconds_bucket', { ...labels, le: '0.01' }), 1);
  });

  it('looks each label combination up once, not once per record', () => {
    const built: string[] = [];
    const spy = <T extends { series: (...args: string[]) => unknown }>(type: { prototype: T }, kind: string) => {
      const original = type.prototype.series;
      type.prototype.series = function (this: T, ...args: string[]) {
        built.push(`${kind} ${JSON.stringify(args)}`);
        return original.apply(this, args);
      } as T['series'];
      return () => void delete (type.prototype as { series?: unknown }).series;
    };
    const restore = [spy(PlainCounter, 'counter'), spy(PlainHistogram, 'histogram')];
    try {
      const { recorder: r } = recorder();
      for (let i = 0; i < 100; i++) {
        r.published({ event, type: event.type, durationMs: 0.2, at: Date.now() });
        r.published({ type: event.type, durationMs: 0.2, at: Date.now(), error: new TypeError('bad') });
        r.handled(run('success', 0.1));
        r.appended({ store: 'InMemoryEventStore', count: 1, durationMs: 0.05, at: Date.now() });
      }
    } finally {
      for (const undo of restore) undo();
    }
    // Counters: published, the TypeError failure, the success, the store failures; histograms: publish, handle, append.
    assert.equal(built.length, 7, `children built:\n${built.join('\n')}`);
  });

  it('counts store appends and their failures per store, the failures from zero', async () => {
    const { recorder: r, scrape } = recorder();
    r.appended({ store: 'PostgresEventStore', count: 3, durationMs: 2, at: Date.now() });
    let m = await scrape();
    assert.equal(m.value('events_store_append_failures_total', { store: 'PostgresEventStore' }), 0);
    r.appended({ store: 'PostgresEventStore', count: 1, durationMs: 30, at: Date.now(), error: new Error('timeout') });
    m = await scrape();
    assert.equal(m.value('events_store_append_failures_total', { store: 'PostgresEventStore' }), 1);
    assert.equal(m.value('events_store_append_duration_seconds_count', { store: 'PostgresEventStore' }), 2);
  });

  it('counts transport messages by transport, type and outcome, batches by their size, and times confirms', async () => {
    const { recorder: r, scrape } = recorder();
    r.transported({ transport: 'rabbitmq', outcome: 'published', type: 'book.purchased', count: 3, durationMs: 4 });
    r.transported({ transport: 'rabbitmq', outcome: 'published', type: 'book.purchased', count: 1, durationMs: 2 });
    r.transported({ transport: 'rabbitmq', outcome: 'dead_lettered', type: 'invalid', count: 1, durationMs: 0, error: new Error('x') });
    const m = await scrape();
    const labels = { transport: 'rabbitmq', event_type: 'book.purchased', outcome: 'published' };
    assert.equal(m.value('events_transport_messages_total', labels), 4);
    assert.equal(m.value('events_transport_messages_total', { transport: 'rabbitmq', event_type: 'invalid', outcome: 'dead_lettered' }), 1);
    assert.equal(m.value('events_transport_duration_seconds_count', { transport: 'rabbitmq', outcome: 'published' }), 2);
    assert.equal(m.value('events_transport_duration_seconds_sum', { transport: 'rabbitmq', outcome: 'published' }), 0.006);
    // A dead letter took no broker time worth a latency sample.
    assert.equal(m.value('events_transport_duration_seconds_count', { transport: 'rabbitmq', outcome: 'dead_lettered' }), 0);
  });
});
