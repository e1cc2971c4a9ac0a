import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EventCatalog } from '../catalog/event-catalog.js';
import { InvalidEventsModuleOptionsError } from '../errors/invalid-events-options.error.js';
import type { EventsModuleOptions } from '../interfaces/events-module-options.interface.js';
import { DEFAULT_RETRY_POLICY, resolveEventsOptions } from './events-options.resolver.js';

class Payload {}

describe('resolveEventsOptions', () => {
  it('applies the documented defaults', () => {
    const resolved = resolveEventsOptions({});
    assert.equal(resolved.source, 'app');
    assert.equal(resolved.unknownEvents, 'reject');
    assert.equal(resolved.validatePayloads, true);
    assert.equal(resolved.defaultMode, 'sync');
    assert.equal(resolved.logHandlers, true);
    assert.equal(resolved.shutdownTimeoutMs, 10_000);
    assert.deepEqual(resolved.retry, DEFAULT_RETRY_POLICY);
    assert.deepEqual(resolved.catalog.types(), []);
    assert.equal(resolveEventsOptions(undefined).source, 'app');
    assert.equal(resolved.tracing, true);
    assert.equal(resolved.eventLogLevel, 'debug');
    assert.equal(resolved.summaryWindowMinutes, 60);
  });

  it('names each bad observability option', () => {
    for (const [options, problem] of [
      [{ tracing: 'on' }, 'tracing must be a boolean'],
      [{ eventLogLevel: 'info' }, `eventLogLevel must be 'debug', 'verbose', 'log' or false (got "info")`],
      [{ eventLogLevel: true }, `eventLogLevel must be 'debug', 'verbose', 'log' or false (got true)`],
      [{ summaryWindowMinutes: -1 }, 'summaryWindowMinutes must be an integer from 0 to 1440 (0 turns the statistics off)'],
      [{ summaryWindowMinutes: 1441 }, 'summaryWindowMinutes must be an integer from 0 to 1440 (0 turns the statistics off)'],
      [{ summaryWindowMinutes: 2.5 }, 'summaryWindowMinutes must be an integer from 0 to 1440 (0 turns the statistics off)'],
    ] as const) {
      assert.throws(
        () => resolveEventsOptions(options as unknown as EventsModuleOptions),
        (error: unknown) =>
          error instanceof InvalidEventsModuleOptionsError && error.problems.length === 1 && error.problems[0] === problem,
        problem,
      );
    }
    const off = resolveEventsOptions({ tracing: false, eventLogLevel: false, summaryWindowMinutes: 0 });
    assert.deepEqual([off.tracing, off.eventLogLevel, off.summaryWindowMinutes], [false, false, 0]);
  });

  it('merges retry overrides over the defaults and turns a definition array into a catalog', () => {
    const resolved = resolveEventsOptions({ retry: { maxAttempts: 3 }, catalog: [{ type: 'a.b', version: 1, payload: Payload }] });
    assert.equal(resolved.retry.maxAttempts, 3);
    assert.equal(resolved.retry.multiplier, DEFAULT_RETRY_POLICY.multiplier);
    assert.ok(resolved.catalog instanceof EventCatalog);
    assert.equal(resolved.catalog.get('a.b', 1)?.payload, Payload);
  });

  it('reports every problem at once, naming each option', () => {
    const bad = {
      source: '',
      unknownEvents: 'ignore',
      defaultMode: 'later',
      validatePayloads: 'yes',
      logHandlers: 1,
      shutdownTimeoutMs: -1,
      retry: { maxAttempts: 0, initialDelayMs: 500, maxDelayMs: 100, multiplier: 0.5, jitter: 'some', retryable: 'no', backoff: 1 },
      delivery: { deliver() {} },
      catalog: [{ type: '', version: 0, payload: 'X' }, null],
      sorce: 'typo',
    } as unknown as EventsModuleOptions;
    assert.throws(
      () => resolveEventsOptions(bad),
      (error: unknown) => {
        assert.ok(error instanceof InvalidEventsModuleOptionsError);
        assert.equal(error.name, 'InvalidEventsModuleOptionsError');
        const expected = [
          '"sorce" is not an EventsModule option (did you mean "source"?)',
          'source must be a non-empty string',
          "unknownEvents must be one of 'reject', 'allow' (got \"ignore\")",
          "defaultMode must be one of 'sync', 'async' (got \"later\")",
          'validatePayloads must be a boolean',
          'logHandlers must be a boolean',
          'shutdownTimeoutMs must be an integer of at least 0',
          'retry.maxAttempts must be an integer of at least 1 (got 0)',
          'retry.multiplier must be a number of at least 1 (got 0.5)',
          'retry.maxDelayMs (100) must not be below retry.initialDelayMs (500)',
          "retry.jitter must be 'full' or 'none' (got \"some\")",
          'retry.retryable must be a function',
          'retry.backoff is not a retry option',
          'delivery must implement EventDelivery (start, deliver, retry, close, counts and deadLetters)',
          'catalog[0].type must be a non-empty string',
          'catalog[0].version must be an integer of at least 1',
          'catalog[0].payload must be a class',
          'catalog[1] must be an event definition',
        ];
        assert.deepEqual(error.problems, expected);
        assert.match(error.message, /^EventsModule options are invalid \(18 problems\):/);
        for (const problem of expected) assert.ok(error.message.includes(problem), problem);
        return true;
      },
    );
  });

  it('reports a (type, version) defined twice', () => {
    assert.throws(
      () =>
        resolveEventsOptions({
          catalog: [
            { type: 'a.b', version: 1, payload: Payload },
            { type: 'a.b', version: 1, payload: Payload },
          ],
        }),
      /Event "a\.b" v1 is defined twice in the catalog/,
    );
  });
});
