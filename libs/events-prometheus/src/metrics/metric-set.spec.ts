import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Counter, Registry } from 'prom-client';
import { EventsMetricsRegistryConflictError } from '../errors/events-metrics-registry-conflict.error.js';
import { MetricSet } from './metric-set.js';

const counter = (name: string) => new Counter({ name, help: name, registers: [] });

describe('MetricSet', () => {
  it('after a name conflict, refuses every later metric, so a failed application leaves nothing behind', () => {
    const registry = new Registry();
    registry.registerMetric(counter('taken_total'));
    const set = new MetricSet(registry);
    set.add(counter('first_total'));
    assert.throws(() => set.add(counter('taken_total')), EventsMetricsRegistryConflictError);
    // Nest goes on building the failed application's other providers; none may register now.
    assert.throws(
      () => set.add(counter('late_total')),
      (error: unknown) => {
        assert.ok(error instanceof EventsMetricsRegistryConflictError);
        assert.equal(error.metric, 'late_total');
        return true;
      },
    );
    assert.deepEqual(
      registry.getMetricsAsArray().map((m) => (m as unknown as { name: string }).name),
      ['taken_total'],
    );
  });
});
