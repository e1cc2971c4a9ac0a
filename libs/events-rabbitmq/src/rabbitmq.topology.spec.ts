import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveRabbitMqTransportOptions } from './rabbitmq-transport.options.js';
import { bindingKeyOf, declarations, rabbitMqTopology } from './rabbitmq.topology.js';

describe('RabbitMQ topology', () => {
  it('keeps one-segment wildcards and turns `*` alone into `#`', () => {
    assert.equal(bindingKeyOf('user.*'), 'user.*');
    assert.equal(bindingKeyOf('book.purchased'), 'book.purchased');
    assert.equal(bindingKeyOf('*'), '#');
  });

  it('names one queue per service, its dead-letter queue, and sets the delivery limit on quorum queues only', () => {
    const quorum = rabbitMqTopology(resolveRabbitMqTransportOptions({ url: 'amqp://h', queuePrefix: 'prod.' }), 'user-service', [
      'user.*',
      '*',
      '*',
    ]);
    assert.equal(quorum.queue, 'prod.user-service');
    assert.equal(quorum.deadLetterQueue, 'prod.user-service.dead-letter');
    assert.equal(quorum.deadLetterExchange, 'webnovel.events.dead-letter');
    assert.deepEqual(quorum.bindingKeys, ['user.*', '#']);
    assert.deepEqual(quorum.queueArguments, {
      'x-queue-type': 'quorum',
      'x-dead-letter-exchange': 'webnovel.events.dead-letter',
      'x-dead-letter-routing-key': 'prod.user-service.dead-letter',
      'x-delivery-limit': 20,
    });
    const classic = rabbitMqTopology(resolveRabbitMqTransportOptions({ url: 'amqp://h', queueType: 'classic' }), 's', ['a.b']);
    assert.equal(classic.queueArguments['x-delivery-limit'], undefined);
    assert.deepEqual(
      declarations(classic).bindings.map((b) => `${b.exchange} -[${b.routingKey}]-> ${b.queue}`),
      ['webnovel.events -[a.b]-> s', 'webnovel.events.dead-letter -[s.dead-letter]-> s.dead-letter'],
    );
  });
});
