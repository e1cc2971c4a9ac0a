import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidRabbitMqTransportOptionsError } from './errors/invalid-rabbitmq-transport-options.error.js';
import { RabbitMqTransport } from './rabbitmq.transport.js';
import { resolveRabbitMqTransportOptions, type RabbitMqTransportOptions } from './rabbitmq-transport.options.js';

const url = 'amqp://guest:guest@localhost:5672';

describe('RabbitMqTransport options', () => {
  it('applies the defaults', () => {
    const o = resolveRabbitMqTransportOptions({ url });
    assert.equal(o.exchange, 'webnovel.events');
    assert.equal(o.queuePrefix, '');
    assert.equal(o.queueType, 'quorum');
    assert.equal(o.deliveryLimit, 20);
    assert.equal(o.prefetch, 100);
    assert.equal(o.concurrency, 50);
    assert.equal(o.publishTimeoutMs, 5000);
    assert.equal(o.redeliveryDelayMs, 500);
    assert.equal(o.maxRedeliveryDelayMs, 30_000);
    assert.equal(resolveRabbitMqTransportOptions({ url, prefetch: 10 }).concurrency, 10, 'concurrency never exceeds prefetch');
  });

  it('lists every problem at once, naming the option and the fix, before connecting anything', () => {
    const bad = {
      url: 'http://localhost',
      exchange: 'amq.topic',
      queuePrefix: 'a b',
      queueType: 'stream',
      prefetch: 0,
      concurrency: 1.5,
      publishTimeoutMs: -1,
      deliveryLimit: 0,
      prefecth: 10,
    } as unknown as RabbitMqTransportOptions;
    assert.throws(
      () => new RabbitMqTransport(bad),
      (error: unknown) => {
        assert.ok(error instanceof InvalidRabbitMqTransportOptionsError);
        assert.equal(error.name, 'InvalidRabbitMqTransportOptionsError');
        assert.deepEqual(error.problems, [
          '"prefecth" is not a RabbitMqTransport option (did you mean "prefetch"?)',
          'url must be an AMQP URL such as "amqp://user:pass@localhost:5672/vhost" (amqps:// for TLS); got the scheme "http:"',
          'exchange must not start with "amq." (RabbitMQ reserves it); got "amq.topic"',
          'queuePrefix must be letters, digits, ".", "_", ":" or "-", at most 200, not starting with "amq."; got "a b"',
          'queueType must be "quorum" or "classic"; got "stream"',
          'deliveryLimit must be an integer of at least 1; got 0',
          'prefetch must be an integer of at least 1; got 0',
          'concurrency must be an integer of at least 1; got 1.5',
          'publishTimeoutMs must be an integer of at least 1; got -1',
        ]);
        assert.match(error.message, /^RabbitMqTransport options are invalid \(9 problems\):\n {2}- "prefecth"/);
        return true;
      },
    );
  });

  it('checks the options against each other, and says what is missing', () => {
    assert.throws(
      () =>
        resolveRabbitMqTransportOptions({
          url: 'not a url',
          prefetch: 10,
          concurrency: 20,
          redeliveryDelayMs: 100,
          maxRedeliveryDelayMs: 50,
        }),
      (error: InvalidRabbitMqTransportOptionsError) => {
        assert.deepEqual(error.problems, [
          'url must be an AMQP URL such as "amqp://user:pass@localhost:5672/vhost" (amqps:// for TLS); got "not a url", which is not a URL',
          'concurrency (20) must be at most prefetch (10): raise prefetch or lower concurrency',
          'redeliveryDelayMs (100) must be at most maxRedeliveryDelayMs (50)',
        ]);
        return true;
      },
    );
    assert.throws(
      () => resolveRabbitMqTransportOptions({} as RabbitMqTransportOptions),
      (error: InvalidRabbitMqTransportOptionsError) => {
        assert.deepEqual(error.problems, [
          'url must be an AMQP URL such as "amqp://user:pass@localhost:5672/vhost" (amqps:// for TLS); got nothing',
        ]);
        return true;
      },
    );
    assert.throws(
      () => resolveRabbitMqTransportOptions({ url, prefetch: 70_000, exchange: '', queueTyp: 'classic' } as RabbitMqTransportOptions),
      (error: InvalidRabbitMqTransportOptionsError) => {
        assert.deepEqual(error.problems, [
          '"queueTyp" is not a RabbitMqTransport option (did you mean "queueType"?)',
          'exchange must be 1-200 letters, digits, ".", "_", ":" or "-", at most 200, not starting with "amq."; got ""',
          'prefetch must be at most 65535 (the AMQP limit); got 70000',
        ]);
        return true;
      },
    );
  });
});
