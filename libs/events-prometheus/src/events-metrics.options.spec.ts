import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Registry } from 'prom-client';
import { InvalidEventsMetricsOptionsError } from './errors/invalid-events-metrics-options.error.js';
import { DEFAULT_DURATION_BUCKETS } from './events-metrics.constants.js';
import {
  eventsMetricsAsyncOptionsProblems,
  eventsMetricsOptionsProblems,
  normalizeMetricsPath,
  resolveEventsMetricsOptions,
} from './events-metrics.options.js';

const PATH_PROBLEM =
  'path must be a route of at most 200 characters made of URL-safe segments (letters, digits, "-", "_", "." and "~") ' +
  'separated by "/", such as "/metrics", without parameters, wildcards or empty segments; got ';

describe('EventsMetricsModule options', () => {
  it('accepts no options, every option, and the usual path spellings', () => {
    assert.deepEqual(eventsMetricsOptionsProblems({}), []);
    assert.deepEqual(
      eventsMetricsOptionsProblems({
        registry: new Registry(),
        path: 'internal/metrics/',
        serve: false,
        isGlobal: false,
        defaultMetrics: false,
        durationBuckets: [0.001, 0.01, 1],
        scrapeTimeoutMs: 250,
        defaultLabels: { service: 'user-service', app_event_type: 'x' },
      }),
      [],
    );
    assert.equal(normalizeMetricsPath(undefined), '/metrics');
    assert.equal(normalizeMetricsPath('metrics'), '/metrics');
    assert.equal(normalizeMetricsPath('/internal/metrics/'), '/internal/metrics');
  });

  it('lists every problem, in order, each naming its field and how to fix it', () => {
    assert.deepEqual(
      eventsMetricsOptionsProblems({
        registry: { metrics: () => '' },
        path: '/metrics/:id',
        serve: 'yes',
        isGlobal: 1,
        defaultMetrics: 'on',
        durationBuckets: [0.1, 0.1, -1, Infinity, 0.05],
        scrapeTimeoutMs: 1.5,
        defaultLabels: { service: 42, 'bad-name': 'x', __meta: 'y', event_type: 'z' },
        timeoutMs: 100,
      }),
      [
        'unknown option "timeoutMs"; the options are registry, defaultMetrics, durationBuckets, scrapeTimeoutMs, defaultLabels, path, serve, isGlobal',
        `${PATH_PROBLEM}"/metrics/:id"`,
        'serve must be true or false, got "yes"',
        'isGlobal must be true or false, got 1',
        'registry must be a prom-client Registry (`new Registry()` from prom-client), got an object (Object); ' +
          'leave it out to get a registry of its own per application',
        'defaultMetrics must be true or false, got "on"',
        'durationBuckets must be strictly increasing: durationBuckets[1] (0.1) is not above durationBuckets[0] (0.1); ' +
          'sort them and drop duplicates',
        'durationBuckets[2] must be a positive, finite number of seconds, got -1 (prom-client adds the +Inf bucket itself)',
        'durationBuckets[3] must be a positive, finite number of seconds, got Infinity (prom-client adds the +Inf bucket itself)',
        'scrapeTimeoutMs must be a whole number of milliseconds from 1 to 60000, below the Prometheus scrape_timeout, got 1.5',
        'defaultLabels.service must be a string, got 42',
        'defaultLabels has "bad-name", which is not a Prometheus label name: use letters, digits and "_", not starting with a digit or "__"',
        'defaultLabels has "__meta", which is not a Prometheus label name: use letters, digits and "_", not starting with a digit or "__"',
        'defaultLabels.event_type clashes with a label of the events metrics ' +
          '(event_type, error, handler_name, outcome, store, queue, state, source, transport); choose another name, such as "service" or "app_event_type"',
      ],
    );
  });

  it('refuses empty or unsorted buckets, out-of-range timeouts, non-object labels and non-object options', () => {
    assert.deepEqual(eventsMetricsOptionsProblems({ durationBuckets: [] }), [
      'durationBuckets must be a non-empty array of upper bounds in seconds, such as [0.001, 0.01, 0.1, 1], got an array',
    ]);
    assert.deepEqual(eventsMetricsOptionsProblems({ durationBuckets: 0.5 }), [
      'durationBuckets must be a non-empty array of upper bounds in seconds, such as [0.001, 0.01, 0.1, 1], got 0.5',
    ]);
    assert.deepEqual(eventsMetricsOptionsProblems({ durationBuckets: [1, 0.5] }), [
      'durationBuckets must be strictly increasing: durationBuckets[1] (0.5) is not above durationBuckets[0] (1); sort them and drop duplicates',
    ]);
    for (const scrapeTimeoutMs of [0, 60_001, '1000', NaN]) {
      assert.match(
        eventsMetricsOptionsProblems({ scrapeTimeoutMs })[0]!,
        /^scrapeTimeoutMs must be a whole number of milliseconds from 1 to 60000/,
      );
    }
    assert.deepEqual(eventsMetricsOptionsProblems({ defaultLabels: ['service'] }), [
      'defaultLabels must be an object of label names to string values, such as { service: "user-service" }, got an array',
    ]);
    assert.deepEqual(eventsMetricsOptionsProblems(null), ['options must be an object, got null']);
    assert.deepEqual(eventsMetricsOptionsProblems('metrics'), ['options must be an object, got "metrics"']);
  });

  it('refuses paths that are empty, parameterised, wildcarded, dotted or too long', () => {
    for (const path of ['', '/', 'a//b', 'metrics/*', 'a/../metrics', 'me trics', 'a'.repeat(201), 7, null]) {
      assert.equal(normalizeMetricsPath(path), undefined, `accepted ${JSON.stringify(path)}`);
      assert.deepEqual(eventsMetricsOptionsProblems({ path }), [`${PATH_PROBLEM}${path === null ? 'null' : JSON.stringify(path)}`]);
    }
  });

  it('checks forRootAsync extras and the factory result apart, pointing factory-returned extras to forRootAsync', () => {
    assert.deepEqual(
      eventsMetricsAsyncOptionsProblems({ path: '/ops/metrics', serve: true, isGlobal: false }, { scrapeTimeoutMs: 50 }),
      [],
    );
    assert.deepEqual(eventsMetricsAsyncOptionsProblems({ prefix: 'x', serve: 'no' }, { path: '/m', serve: false, buckets: [1] }), [
      'unknown forRootAsync option "prefix"; forRootAsync takes path, serve, isGlobal, imports, useFactory, inject, useClass, useExisting, provideInjectionTokensFrom',
      'serve must be true or false, got "no"',
      'path was returned by the forRootAsync factory, but the module is assembled before the factory runs; ' +
        'pass it to forRootAsync({ path, useFactory }) itself',
      'serve was returned by the forRootAsync factory, but the module is assembled before the factory runs; ' +
        'pass it to forRootAsync({ serve, useFactory }) itself',
      'unknown option "buckets"; the options are registry, defaultMetrics, durationBuckets, scrapeTimeoutMs, defaultLabels',
    ]);
    assert.deepEqual(eventsMetricsAsyncOptionsProblems({}, undefined), ['options must be an object, got undefined']);
  });

  it('resolves defaults, or throws one error naming the method and every problem', () => {
    assert.deepEqual(resolveEventsMetricsOptions({ method: 'forRoot', given: {} }, {}), {
      registry: undefined,
      path: '/metrics',
      serve: true,
      defaultMetrics: true,
      durationBuckets: DEFAULT_DURATION_BUCKETS,
      scrapeTimeoutMs: 1000,
      defaultLabels: {},
    });
    const registry = new Registry();
    const resolved = resolveEventsMetricsOptions(
      { method: 'forRootAsync', extras: { path: 'm', serve: false } },
      { registry, defaultMetrics: false, durationBuckets: [0.5, 1], defaultLabels: { service: 'api' } },
    );
    assert.equal(resolved.registry, registry);
    assert.deepEqual(
      { ...resolved, registry: undefined },
      {
        registry: undefined,
        path: '/m',
        serve: false,
        defaultMetrics: false,
        durationBuckets: [0.5, 1],
        scrapeTimeoutMs: 1000,
        defaultLabels: { service: 'api' },
      },
    );

    assert.throws(
      () => resolveEventsMetricsOptions({ method: 'forRoot', given: { serve: 'no', scrapeTimeoutMs: 0 } }, {}),
      (error: unknown) => {
        assert.ok(error instanceof InvalidEventsMetricsOptionsError);
        assert.equal(error.name, 'InvalidEventsMetricsOptionsError');
        assert.equal(error.owner, 'EventsMetricsModule.forRoot()');
        assert.equal(error.problems.length, 2);
        assert.equal(
          error.message,
          'EventsMetricsModule.forRoot() options are invalid (2 problems):\n' +
            '  - serve must be true or false, got "no"\n' +
            '  - scrapeTimeoutMs must be a whole number of milliseconds from 1 to 60000, below the Prometheus scrape_timeout, got 0',
        );
        return true;
      },
    );
    assert.throws(() => resolveEventsMetricsOptions({ method: 'forRootAsync', extras: {} }, null), {
      name: 'InvalidEventsMetricsOptionsError',
      message: 'EventsMetricsModule.forRootAsync() options are invalid (1 problem):\n  - options must be an object, got null',
    });
  });
});
