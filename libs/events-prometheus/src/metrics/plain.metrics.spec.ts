import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Counter, Histogram, Registry } from 'prom-client';
import { PlainCounter, PlainHistogram } from './plain.metrics.js';

const BUCKETS = [0.0001, 0.001, 0.01, 0.1, 1];
const SAMPLES = [0, 0.00005, 0.0001, 0.0004, 0.002, 0.05, 0.5, 1, 7];

/** Two registries with the same default labels, one per implementation. */
function registries(): [Registry, Registry] {
  const pair: [Registry, Registry] = [new Registry(), new Registry()];
  for (const r of pair) r.setDefaultLabels({ service: 'svc' });
  return pair;
}

describe('plain metrics', () => {
  it('expose exactly what prom-client would for the same counts and observations', async () => {
    const [ours, theirs] = registries();
    const counter = new PlainCounter('x_total', 'Things.', ['event_type', 'outcome']);
    const histogram = new PlainHistogram('x_seconds', 'Durations.', ['event_type'], BUCKETS);
    ours.registerMetric(counter.asMetric());
    ours.registerMetric(histogram.asMetric());
    const promCounter = new Counter({ name: 'x_total', help: 'Things.', labelNames: ['event_type', 'outcome'], registers: [theirs] });
    const promHistogram = new Histogram({
      name: 'x_seconds',
      help: 'Durations.',
      labelNames: ['event_type'],
      buckets: BUCKETS,
      registers: [theirs],
    });

    for (const [type, outcome, n] of [
      ['a.b', 'success', 3],
      ['a.b', 'retried', 1],
      ['c.d', 'success', 2],
    ] as const) {
      const series = counter.series(type, outcome);
      for (let i = 0; i < n; i++) series.inc();
      promCounter.inc({ event_type: type, outcome }, n);
    }
    for (const type of ['a.b', 'c.d']) {
      const series = histogram.series(type);
      for (const s of SAMPLES) {
        series.observe(s);
        promHistogram.observe({ event_type: type }, s);
      }
    }
    assert.equal(await ours.metrics(), await theirs.metrics());
    // prom-client adds `exemplar: null` to its histogram samples; exemplars are not used here.
    const json = async (r: Registry): Promise<unknown> =>
      JSON.parse(JSON.stringify(await r.getMetricsAsJSON(), (key, value: unknown) => (key === 'exemplar' ? undefined : value)));
    assert.deepEqual(await json(ours), await json(theirs));
  });

  it('returns the same series for the same labels, and reset zeroes it without detaching it', async () => {
    const counter = new PlainCounter('y_total', 'Y.', ['store']);
    const series = counter.series('pg');
    assert.equal(counter.series('pg'), series);
    series.inc(5);
    counter.reset();
    series.inc();
    const registry = new Registry();
    registry.registerMetric(counter.asMetric());
    assert.match(await registry.metrics(), /^y_total\{store="pg"\} 1$/m);
  });
});
