import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BullMqDelivery } from './bullmq.delivery.js';
import { resolveBullMqDeliveryOptions, type BullMqDeliveryOptions } from './bullmq-delivery.options.js';
import { InvalidBullMqDeliveryOptionsError } from './errors/invalid-bullmq-delivery-options.error.js';

describe('BullMqDelivery options', () => {
  it('applies the defaults', () => {
    const resolved = resolveBullMqDeliveryOptions({ connection: { host: '127.0.0.1' } });
    assert.equal(resolved.prefix, 'bull');
    assert.equal(resolved.queueName, 'domain-events');
    assert.equal(resolved.concurrency, 10);
    assert.equal(resolved.inboxTtlMs, 604_800_000);
    assert.equal(resolved.workers, true);
    assert.equal(resolved.maxBatch, 500);
    assert.equal(resolved.commandTimeoutMs, 2000);
    assert.equal(resolveBullMqDeliveryOptions({ connection: {}, inbox: false }).inboxTtlMs, undefined);
    assert.deepEqual(resolveBullMqDeliveryOptions({ connection: {}, handlers: { 'Slow.run': {} } }).handlers, {
      'Slow.run': { concurrency: 1 },
    });
  });

  it('takes the prefixes BullMQ users write: namespaced with ":" or a Redis Cluster hash tag', () => {
    for (const prefix of ['svc', 'user-service:bull', '{bull}', 'a.b_c-1'])
      assert.equal(resolveBullMqDeliveryOptions({ connection: {}, prefix }).prefix, prefix);
    for (const prefix of ['', 'a b', 'x'.repeat(101), 42])
      assert.throws(
        () => resolveBullMqDeliveryOptions({ connection: {}, prefix } as unknown as BullMqDeliveryOptions),
        /prefix must be 1-100 letters, digits, "\.", "_", "-", ":", "\{" or "\}", got /,
      );
  });

  it('lists every problem at once, naming the option, before connecting anything', () => {
    const bad = {
      connection: 'redis://x',
      prefix: 'my app',
      queueName: 'events:user',
      concurrency: 0,
      maxBatch: 1.5,
      lockDurationMs: -1,
      commandTimeoutMs: 0,
      workers: 'yes',
      inbox: { ttlMs: 0 },
      handlers: { 'bad name': { concurrency: 0 } },
      queue: 'typo',
    } as unknown as BullMqDeliveryOptions;
    assert.throws(
      () => new BullMqDelivery(bad),
      (error: unknown) => {
        assert.ok(error instanceof InvalidBullMqDeliveryOptionsError);
        assert.equal(error.name, 'InvalidBullMqDeliveryOptionsError');
        assert.deepEqual(error.problems, [
          '"queue" is not a BullMqDelivery option',
          'connection must be ioredis options, such as { host, port }',
          'prefix must be 1-100 letters, digits, ".", "_", "-", ":", "{" or "}", got "my app"',
          'queueName must be 1-100 letters, digits, ".", "_" or "-" (BullMQ forbids ":")',
          'concurrency must be an integer of at least 1',
          'maxBatch must be an integer of at least 1',
          'lockDurationMs must be an integer of at least 1',
          'commandTimeoutMs must be an integer of at least 1',
          'workers must be a boolean',
          'inbox.ttlMs must be an integer of at least 1',
          'handlers["bad name"] is not a handler name (letters, digits, ".", "_" and "-")',
          'handlers["bad name"].concurrency must be an integer of at least 1',
        ]);
        assert.match(error.message, /^BullMqDelivery options are invalid:\n {2}- "queue" is not a BullMqDelivery option/);
        return true;
      },
    );
  });
});
