import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createDomainEvent } from '../event/domain-event.js';
import type { HandleOutcome } from '../interfaces/events-observer.interface.js';
import { EventsStatistics } from './events.statistics.js';

const MINUTE = 60_000;
const event = createDomainEvent({ type: 'a.b', data: {} });

function clock(start = 1_700_000_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const run = (stats: EventsStatistics, at: number, handler: string, outcome: HandleOutcome, durationMs = 1) =>
  stats.handled({ handler, mode: 'async', event, outcome, attempt: 1, durationMs, at });

describe('EventsStatistics', () => {
  it('counts publishes per type and runs per handler by outcome, over the asked window only', () => {
    const time = clock();
    const stats = new EventsStatistics(60, time.now);
    stats.published({ type: 'a.b', event, durationMs: 1, at: time.now() });
    run(stats, time.now(), 'H.old', 'success');
    time.advance(10 * MINUTE);
    stats.published({ type: 'a.b', event, durationMs: 1, at: time.now() });
    stats.published({ type: 'a.b', durationMs: 1, error: new Error('x'), at: time.now() });
    stats.published({ type: 'c.d', event, durationMs: 1, at: time.now() });
    for (const outcome of ['success', 'success', 'retried', 'dead_lettered', 'failure', 'skipped_duplicate'] as const)
      run(stats, time.now(), 'H.new', outcome, 4);

    const recent = stats.summarize(5);
    assert.deepEqual(recent.published, [
      { eventType: 'a.b', published: 1, failed: 1 },
      { eventType: 'c.d', published: 1, failed: 0 },
    ]);
    assert.deepEqual(
      recent.handlers.map((h) => h.handler),
      ['H.new'],
      'H.old ran 10 minutes ago',
    );
    const [h] = recent.handlers;
    assert.deepEqual(
      { ...h, durationMs: undefined },
      { handler: 'H.new', handled: 6, succeeded: 2, failed: 3, retried: 1, deadLettered: 1, skippedDuplicate: 1, durationMs: undefined },
    );
    assert.equal(h!.durationMs.max, 4, 'a skipped duplicate did not run, so it has no duration');

    const all = stats.summarize(11);
    assert.deepEqual(all.published[0], { eventType: 'a.b', published: 2, failed: 1 });
    assert.deepEqual(
      all.handlers.map((x) => x.handler),
      ['H.new', 'H.old'],
    );
  });

  it('forgets buckets older than it keeps', () => {
    const time = clock();
    const stats = new EventsStatistics(2, time.now);
    run(stats, time.now(), 'H.a', 'success');
    time.advance(MINUTE);
    run(stats, time.now(), 'H.b', 'success');
    time.advance(MINUTE);
    run(stats, time.now(), 'H.c', 'success');
    // Asking for more than it keeps cannot bring H.a back.
    assert.deepEqual(
      stats.summarize(60).handlers.map((x) => x.handler),
      ['H.b', 'H.c'],
    );
  });
});
