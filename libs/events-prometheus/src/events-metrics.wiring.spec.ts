import 'reflect-metadata';
import { Injectable, Module, type INestApplication } from '@nestjs/common';
import { createDomainEvent, EventsInstrumentation } from '@webnovel/events';
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { collectDefaultMetrics, Registry } from 'prom-client';
import request from 'supertest';
import { EventsMetricsRegistryConflictError } from './errors/events-metrics-registry-conflict.error.js';
import { InvalidEventsMetricsOptionsError } from './errors/invalid-events-metrics-options.error.js';
import { EVENTS_METRICS_REGISTRY } from './events-metrics.constants.js';
import { EVENTS_METRIC_NAMES } from './events-metric.names.js';
import { EventsMetricsModule } from './events-metrics.module.js';
import { startMetricsApp, type MetricsApp } from './test/metrics-app.fixture.js';

const published = (type = 'book.published') => createDomainEvent({ type, data: {} });
const names = (registry: Registry) => registry.getMetricsAsArray().map((m) => (m as unknown as { name: string }).name);

describe('EventsMetricsModule wiring', () => {
  const apps: INestApplication[] = [];
  const start = async (...args: Parameters<typeof startMetricsApp>): Promise<MetricsApp> => {
    const fixture = await startMetricsApp(...args);
    apps.push(fixture.app);
    return fixture;
  };

  after(async () => {
    for (const app of apps) await app.close();
  });

  it('gives each application of one module definition its own registry, so counts do not mix', async () => {
    const definition = EventsMetricsModule.forRoot({ defaultMetrics: false });
    const [a, b] = [await start(definition), await start(definition)];
    assert.notEqual(a.app.get(EVENTS_METRICS_REGISTRY), b.app.get(EVENTS_METRICS_REGISTRY));
    await a.bus.publish(published());
    await a.bus.publish(published());
    await b.bus.publish(published());
    assert.equal((await a.scrape()).value('events_published_total', { event_type: 'book.published' }), 2);
    assert.equal((await b.scrape()).value('events_published_total', { event_type: 'book.published' }), 1);
  });

  it('serves each application on its own path, even with two paths in one process', async () => {
    const a = await start(EventsMetricsModule.forRoot({ path: '/internal/metrics', defaultMetrics: false }));
    const b = await start(EventsMetricsModule.forRoot({ path: 'ops/prometheus/', defaultMetrics: false }));
    assert.equal((await a.scrape('/internal/metrics')).value('events_bus_ready'), 1);
    assert.equal((await b.scrape('/ops/prometheus')).value('events_bus_ready'), 1);
    await request(a.http).get('/metrics').expect(404);
    await request(a.http).get('/ops/prometheus').expect(404);
    await request(b.http).get('/internal/metrics').expect(404);
  });

  it('with serve: false, collects into the injectable registry and mounts no route', async () => {
    const fixture = await start(EventsMetricsModule.forRoot({ serve: false, defaultMetrics: false }));
    await request(fixture.http).get('/metrics').expect(404);
    await fixture.bus.publish(published());
    const registry = fixture.app.get<Registry>(EVENTS_METRICS_REGISTRY);
    assert.match(await registry.metrics(), /^events_published_total\{event_type="book.published"\} 1$/m);
  });

  it('takes options from a forRootAsync factory, with the path given to forRootAsync itself', async () => {
    const registry = new Registry();
    @Injectable()
    class MetricsConfig {
      readonly registry = registry;
    }
    @Module({ providers: [MetricsConfig], exports: [MetricsConfig] })
    class ConfigModule {}
    const fixture = await start(
      EventsMetricsModule.forRootAsync({
        path: '/async-metrics',
        imports: [ConfigModule],
        inject: [MetricsConfig],
        useFactory: (config: MetricsConfig) => ({ registry: config.registry, defaultMetrics: false, scrapeTimeoutMs: 200 }),
      }),
    );
    assert.equal(fixture.app.get(EVENTS_METRICS_REGISTRY), registry);
    await fixture.bus.publish(published());
    assert.equal((await fixture.scrape('/async-metrics')).value('events_published_total', { event_type: 'book.published' }), 1);
  });

  it('registers exactly EVENTS_METRIC_NAMES without default metrics, and adds the default labels to every sample', async () => {
    const fixture = await start(EventsMetricsModule.forRoot({ defaultMetrics: false, defaultLabels: { service: 'catalog' } }));
    assert.deepEqual(names(fixture.app.get(EVENTS_METRICS_REGISTRY)).sort(), [...EVENTS_METRIC_NAMES].sort());
    await fixture.bus.publish(published());
    const m = await fixture.scrape();
    assert.ok(m.samples.length > 0);
    for (const sample of m.samples) assert.equal(sample.labels.service, 'catalog', `${sample.name} has the label`);
    assert.equal(m.value('events_published_total', { event_type: 'book.published', service: 'catalog' }), 1);
  });

  it("uses the application's registry, does not collect its default metrics twice, and leaves it clean on close", async () => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    const before = names(registry);
    const first = await startMetricsApp(EventsMetricsModule.forRoot({ registry }));
    await first.bus.publish(published());
    assert.match(await registry.metrics(), /^events_published_total\{event_type="book.published"\} 1$/m);
    assert.deepEqual(names(registry).sort(), [...before, ...EVENTS_METRIC_NAMES].sort());

    // A second application on the same registry at the same time would mix both into one series.
    await assert.rejects(startMetricsApp(EventsMetricsModule.forRoot({ registry })), (error: unknown) => {
      assert.ok(error instanceof EventsMetricsRegistryConflictError);
      assert.equal(error.metric, 'events_published_total');
      assert.match(
        error.message,
        /^The metrics registry already has a metric named "events_published_total": .* Give each application its own registry/,
      );
      return true;
    });
    assert.match(
      await registry.metrics(),
      /^events_published_total\{event_type="book.published"\} 1$/m,
      "the first app's metrics are intact",
    );

    await first.app.close();
    assert.deepEqual(names(registry).sort(), before.sort(), 'only what the application had is left');
    const next = await start(EventsMetricsModule.forRoot({ registry }));
    assert.equal((await next.scrape()).value('events_published_total', { event_type: 'book.published' }), undefined, 'a fresh start');
  });

  it('observes the bus from init until close', async () => {
    const fixture = await startMetricsApp(EventsMetricsModule.forRoot({ defaultMetrics: false }), {
      events: { summaryWindowMinutes: 0 },
    });
    const instrumentation = fixture.app.get(EventsInstrumentation);
    assert.equal(instrumentation.active, true);
    await fixture.app.close();
    assert.equal(instrumentation.active, false);
  });

  it('still serves with isGlobal: false', async () => {
    const fixture = await start(EventsMetricsModule.forRoot({ isGlobal: false, defaultMetrics: false }));
    assert.equal((await fixture.scrape()).value('events_bus_ready'), 1);
  });

  it('fails the bootstrap with every problem of the options, before mounting anything', async () => {
    await assert.rejects(startMetricsApp(EventsMetricsModule.forRoot({ path: '/a b', scrapeTimeoutMs: -1 } as never)), (error: unknown) => {
      assert.ok(error instanceof InvalidEventsMetricsOptionsError);
      assert.match(error.message, /^EventsMetricsModule\.forRoot\(\) options are invalid \(2 problems\):\n {2}- path must be a route/);
      return true;
    });
    await assert.rejects(
      startMetricsApp(EventsMetricsModule.forRootAsync({ useFactory: () => ({ durationBuckets: [] }) })),
      (error: unknown) => error instanceof InvalidEventsMetricsOptionsError && error.owner === 'EventsMetricsModule.forRootAsync()',
    );
  });
});
