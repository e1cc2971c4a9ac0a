import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseExposition } from './exposition.parser.js';

describe('parseExposition (test helper)', () => {
  const text = [
    '# HELP events_published_total Events published successfully.',
    '# TYPE events_published_total counter',
    'events_published_total{event_type="book.published"} 3',
    'events_published_total{event_type="odd \\"quoted\\", \\\\ and\\nnewline",service="api"} 1',
    '# TYPE x_seconds histogram',
    'x_seconds_bucket{le="+Inf"} 2',
    'x_seconds_sum 1.5e-3',
    'nodejs_eventloop_lag_mean_seconds Nan',
    '',
  ].join('\n');

  it('reads names, labels with escapes, values and the TYPE and HELP lines', () => {
    const m = parseExposition(text);
    assert.equal(m.types.get('events_published_total'), 'counter');
    assert.equal(m.help.get('events_published_total'), 'Events published successfully.');
    assert.equal(m.value('events_published_total', { event_type: 'book.published' }), 3);
    assert.equal(m.value('events_published_total', { event_type: 'odd "quoted", \\ and\nnewline' }), 1);
    assert.equal(m.value('x_seconds_bucket', { le: '+Inf' }), 2);
    assert.equal(m.value('x_seconds_sum'), 0.0015);
    assert.ok(Number.isNaN(m.value('nodejs_eventloop_lag_mean_seconds')));
    assert.equal(m.value('events_published_total', { event_type: 'none' }), undefined);
    assert.equal(m.count('events_published_total', { event_type: 'none' }), 0);
  });

  it('refuses ambiguous lookups and malformed lines', () => {
    assert.throws(() => parseExposition(text).value('events_published_total'), /2 samples of events_published_total match/);
    assert.throws(() => parseExposition('metric{a="1" 2'), /Not an exposition line|Unreadable labels/);
    assert.throws(() => parseExposition('metric{a=1} 2'), /Unreadable labels/);
    assert.throws(() => parseExposition('metric one'), /Unreadable value/);
  });
});
