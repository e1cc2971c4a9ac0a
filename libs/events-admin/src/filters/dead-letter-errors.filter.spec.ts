import 'reflect-metadata';
import type { ArgumentsHost } from '@nestjs/common';
import type { HttpAdapterHost } from '@nestjs/core';
import { DeadLetterHandlerMissingError, EventDeliveryUnavailableError, InvalidDeadLetterQueryError } from '@webnovel/events';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DeadLetterErrorsFilter } from './dead-letter-errors.filter.js';

/** Runs the filter against a fake adapter and returns what it replied. */
function reply(error: Error): { status: number; body: unknown } {
  const replies: { status: number; body: unknown }[] = [];
  const response = {};
  const adapterHost = {
    httpAdapter: {
      reply: (res: unknown, body: unknown, status: number) => {
        assert.equal(res, response);
        replies.push({ status, body });
      },
    },
  } as unknown as HttpAdapterHost;
  const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  new DeadLetterErrorsFilter(adapterHost).catch(error as never, host);
  assert.equal(replies.length, 1);
  return replies[0]!;
}

describe('DeadLetterErrorsFilter', () => {
  it('answers an invalid query with 400 listing every problem, shaped like a validation error', () => {
    assert.deepEqual(reply(new InvalidDeadLetterQueryError(['from must be before to', 'limit must be an integer from 1 to 500'])), {
      status: 400,
      body: { statusCode: 400, error: 'Bad Request', message: ['from must be before to', 'limit must be an integer from 1 to 500'] },
    });
  });

  it('answers a dead letter whose handler this app lacks with 409 naming both', () => {
    const error = new DeadLetterHandlerMissingError('abc.Retired.handler', 'Retired.handler');
    assert.deepEqual(reply(error), {
      status: 409,
      body: { statusCode: 409, error: 'Conflict', message: error.message, id: 'abc.Retired.handler', handler: 'Retired.handler' },
    });
  });

  it('answers a delivery driver that cannot take work with 503 and its explanation', () => {
    const error = new EventDeliveryUnavailableError('in-process', 'order.placed', 'abc', { cause: new Error('it has shut down') });
    assert.deepEqual(reply(error), { status: 503, body: { statusCode: 503, error: 'Service Unavailable', message: error.message } });
  });
});
