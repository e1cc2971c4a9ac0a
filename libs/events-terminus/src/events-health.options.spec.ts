import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import { EventsModule } from '@webnovel/events';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidEventsHealthOptionsError } from './errors/invalid-events-health-options.error.js';
import { EventsHealthModule } from './events-health.module.js';
import {
  eventsHealthAsyncOptionsProblems,
  eventsHealthOptionsProblems,
  normalizeHealthPath,
  resolveEventsHealthOptions,
} from './events-health.options.js';
import { quiet } from './test/health-app.fixture.js';

const PATH_PROBLEM =
  'path must be a route of at most 200 characters made of URL-safe segments (letters, digits, "-", "_", "." and "~") ' +
  'separated by "/", such as "health" or "ops/health", without parameters, wildcards or empty segments; got';
const timeoutProblem = (got: string) =>
  'timeoutMs must be an integer of milliseconds from 1 to 60000 (default 1000), below the timeout of the probe that calls ' +
  `the route; got ${got}`;

describe('EventsHealthModule options', () => {
  it('applies the defaults and accepts the usual spellings', () => {
    assert.deepEqual(resolveEventsHealthOptions({ method: 'forRoot', given: {} }, {}), {
      path: 'health',
      controller: true,
      timeoutMs: 1000,
    });
    assert.deepEqual(resolveEventsHealthOptions({ method: 'forRoot', given: undefined }, {}), {
      path: 'health',
      controller: true,
      timeoutMs: 1000,
    });
    assert.deepEqual(eventsHealthOptionsProblems({ path: '/ops/health/', timeoutMs: 250, controller: true, isGlobal: true }), []);
    assert.deepEqual(eventsHealthOptionsProblems({ controller: false, timeoutMs: 60_000 }), []);
    assert.equal(normalizeHealthPath('/ops/health/'), 'ops/health');
    assert.equal(normalizeHealthPath('v1.health_x~y'), 'v1.health_x~y');
  });

  it('names every bad field of forRoot at once', () => {
    assert.deepEqual(eventsHealthOptionsProblems({ path: 'health/:id', controller: 'yes', timeoutMs: 0, isGlobal: 1, timeout: 5 }), [
      'unknown option "timeout" (did you mean "timeoutMs"?); the options are path, controller, isGlobal, timeoutMs',
      `${PATH_PROBLEM} "health/:id"`,
      'controller must be true (mount GET <path> and GET <path>/live) or false (only provide EventsHealthIndicator), got "yes"',
      'isGlobal must be true or false, got 1',
      timeoutProblem('0'),
    ]);
    for (const [timeoutMs, got] of [
      [1.5, '1.5'],
      [60_001, '60001'],
      ['1000', '"1000"'],
      [Number.NaN, 'NaN'],
    ] as const) {
      assert.deepEqual(eventsHealthOptionsProblems({ timeoutMs }), [timeoutProblem(got)], String(timeoutMs));
    }
    for (const path of ['', '/', 'a//b', '../health', 'he alth', '*', 'x'.repeat(201), 42]) {
      assert.equal(eventsHealthOptionsProblems({ path }).length, 1, `path ${String(path)}`);
    }
    assert.deepEqual(eventsHealthOptionsProblems({ path: 'health', controller: false }), [
      'path is set but controller is false, so nothing is mounted there; drop path, or drop controller: false to mount the routes',
    ]);
    assert.deepEqual(eventsHealthOptionsProblems('health'), ['options must be an object, got "health"']);
    assert.deepEqual(eventsHealthOptionsProblems(null), ['options must be an object, got null']);
  });

  it('checks forRootAsync extras and the factory result apart, pointing route options back to forRootAsync', () => {
    assert.deepEqual(
      eventsHealthAsyncOptionsProblems({ path: 'ops/health', controller: undefined, isGlobal: undefined }, ['path', 'timeoutMs'], {
        path: 'health',
        controller: false,
        timeoutMs: -1,
        retries: 3,
      }),
      [
        'unknown forRootAsync option "timeoutMs"; forRootAsync takes path, controller, isGlobal, imports, useFactory, inject, ' +
          'useClass, useExisting, provideInjectionTokensFrom',
        'path was returned by the forRootAsync factory, but it decides what the module mounts and exports, which is settled ' +
          'before the factory runs; ' +
          'pass it to forRootAsync({ path, useFactory }) itself',
        'controller was returned by the forRootAsync factory, but it decides what the module mounts and exports, which is settled ' +
          'before the factory runs; ' +
          'pass it to forRootAsync({ controller, useFactory }) itself',
        'unknown option "retries"; the options are timeoutMs',
        timeoutProblem('-1'),
      ],
    );
    assert.deepEqual(eventsHealthAsyncOptionsProblems({ path: 7 }, [], undefined), [
      `${PATH_PROBLEM} 7`,
      'options must be an object, got undefined',
    ]);
    assert.deepEqual(
      resolveEventsHealthOptions(
        { method: 'forRootAsync', route: { path: '/ops/', controller: true, isGlobal: undefined }, extraKeys: [] },
        { timeoutMs: 300 },
      ),
      { path: 'ops', controller: true, timeoutMs: 300 },
    );
  });

  it('fails the bootstrap with InvalidEventsHealthOptionsError naming each bad field', async () => {
    const compile = (health: ReturnType<typeof EventsHealthModule.forRoot>) =>
      Test.createTestingModule({ imports: [EventsModule.forRoot({}), health] })
        .setLogger(quiet)
        .compile();
    await assert.rejects(
      compile(EventsHealthModule.forRoot({ path: 'health?x', timeoutMs: 100_000 })),
      (error: unknown) =>
        error instanceof InvalidEventsHealthOptionsError &&
        error.owner === 'EventsHealthModule.forRoot()' &&
        error.message ===
          'EventsHealthModule.forRoot() options are invalid (2 problems):\n' +
            `  - ${PATH_PROBLEM} "health?x"\n` +
            `  - ${timeoutProblem('100000')}`,
    );
    await assert.rejects(
      compile(EventsHealthModule.forRootAsync({ path: 'ops/health', useFactory: () => ({ timeoutMs: 'soon' as never }) })),
      (error: unknown) =>
        error instanceof InvalidEventsHealthOptionsError &&
        error.message === `EventsHealthModule.forRootAsync() options are invalid (1 problem):\n  - ${timeoutProblem('"soon"')}`,
    );
  });
});
