import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DeadLetterHandlerMissingError, InvalidDeadLetterQueryError } from '../errors/dead-letter.error.js';
import { createDomainEvent } from '../event/domain-event.js';
import type { DeadLetterFilter } from '../interfaces/dead-letter.interface.js';
import { DeadLetters } from './dead-letters.service.js';
import { buildDeadLetter, deliveryPairId } from './delivery-pair.js';
import { InProcessDelivery } from './in-process.delivery.js';
import { resolveEventsOptions } from '../options/events-options.resolver.js';

const problemsOf = (error: unknown): readonly string[] => {
  assert.ok(error instanceof InvalidDeadLetterQueryError);
  assert.equal(error.name, 'InvalidDeadLetterQueryError');
  assert.match(error.message, /The dead-letter query is invalid; nothing was read or changed/);
  return error.problems;
};

describe('DeadLetters', () => {
  const delivery = new InProcessDelivery();
  const deadLetters = new DeadLetters(delivery, resolveEventsOptions({}));

  it('names every bad filter and page field at once', async () => {
    const filter = { eventType: 'Not A Type', handler: 'has:colon', from: new Date('x'), to: 'yesterday' } as unknown as DeadLetterFilter;
    await assert.rejects(
      async () => deadLetters.list(filter, { limit: 0, offset: -1 }),
      (error: unknown) => {
        assert.deepEqual(problemsOf(error), [
          'eventType must be an event type such as "user.registered"',
          'handler must be a handler name (letters, digits, ".", "_" and "-")',
          'from must be a valid Date',
          'to must be a valid Date',
          'limit must be an integer from 1 to 500',
          'offset must be an integer of at least 0',
        ]);
        return true;
      },
    );
    await assert.rejects(deadLetters.list({ from: new Date('2026-02-01'), to: new Date('2026-01-01') }), (e: unknown) =>
      problemsOf(e).includes('from must be before to'),
    );
    await assert.rejects(deadLetters.list({}, { limit: 501 }), (e: unknown) =>
      problemsOf(e).includes('limit must be an integer from 1 to 500'),
    );
  });

  it('rejects an id that is not "<event id>.<handler>" before touching the queue', async () => {
    for (const id of ['', 'no-dot', 'a:b.c', '../x']) {
      for (const call of [() => deadLetters.get(id), () => deadLetters.reprocess(id), () => deadLetters.remove(id)]) {
        await assert.rejects(call, (e: unknown) => {
          assert.deepEqual(problemsOf(e), ['id must be a dead-letter id: "<event id>.<handler name>"']);
          return true;
        });
      }
    }
  });

  it('validates the filter of bulk reprocess and purge', async () => {
    await assert.rejects(deadLetters.reprocessMatching({ handler: 'a b' }), (e: unknown) => problemsOf(e).length === 1);
    await assert.rejects(deadLetters.purge({ eventType: 'A' }), (e: unknown) => problemsOf(e).length === 1);
  });

  it('reports a dead letter it cannot reprocess and keeps it, while reprocessing the others', async () => {
    const local = new InProcessDelivery();
    local.start({
      handler: () => undefined,
      revive: (input) => input as never,
      run: () => Promise.resolve(),
      retryPolicy: () => {
        throw new Error('unused');
      },
      record: () => undefined,
      reportFailure: () => undefined,
      deadLettered: () => undefined,
    });
    const event = createDomainEvent({ type: 'a.b', data: {} });
    const letter = buildDeadLetter({
      event,
      handler: 'Gone.handler',
      queue: 'in-process',
      error: new Error('x'),
      attempts: 1,
      firstFailedAt: new Date(),
      lastFailedAt: new Date(),
    });
    local.deadLetters.add(letter);
    const result = await new DeadLetters(local, resolveEventsOptions({})).reprocessMatching({});
    assert.deepEqual(result.reprocessed, []);
    assert.equal(result.failed.length, 1);
    assert.equal(result.failed[0]?.id, deliveryPairId(event.id, 'Gone.handler'));
    assert.match(
      result.failed[0]?.error ?? '',
      /^DeadLetterHandlerMissingError: Cannot reprocess dead letter .* handler "Gone.handler" is not registered/,
    );
    assert.ok(new DeadLetterHandlerMissingError('x', 'y') instanceof Error);
    assert.equal((await local.deadLetters.list({}, { limit: 10, offset: 0 })).total, 1);
  });
});
