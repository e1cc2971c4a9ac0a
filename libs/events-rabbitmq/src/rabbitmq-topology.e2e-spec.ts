// What the transport puts on the broker: queues, arguments and bindings (read back with rabbitmqctl), the AMQP
// properties and headers of a published event (read with a raw consumer), and the delivery limit as the backstop.
import { createDomainEvent, serializeEvent } from '@webnovel/events';
import { TestTransportHost } from '@webnovel/events/testing';
import { waitFor } from '@webnovel/testing';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Connection, type AsyncMessage } from 'rabbitmq-client';
import { RabbitMqTransport } from './rabbitmq.transport.js';
import type { RabbitMqTransportOptions } from './rabbitmq-transport.options.js';
import { createVhost, listRows, quiet, type TestVhost } from './test/rabbitmq.fixture.js';

describe('RabbitMqTransport on the broker', { timeout: 60_000 }, () => {
  let vhost: TestVhost;
  const open: RabbitMqTransport[] = [];
  before(async () => (vhost = await createVhost('topology')));
  after(async () => {
    for (const transport of open) await transport.close(1_000);
    await vhost.delete();
  });

  async function start(host: TestTransportHost, options: Partial<RabbitMqTransportOptions> = {}) {
    const transport = new RabbitMqTransport({ url: vhost.url, logger: quiet, ...options });
    open.push(transport);
    await transport.start(host);
    return transport;
  }

  it('declares a quorum queue per service with the delivery limit and dead-letter exchange, bound to its patterns', async () => {
    await start(new TestTransportHost('orders', ['user.*', 'book.purchased', '*']), { queuePrefix: 'q.' });
    await start(new TestTransportHost('legacy', ['book.purchased']), { queuePrefix: 'q.', queueType: 'classic' });
    const queues = new Map(
      (await listRows(vhost.name, 'queues', 'name', 'type', 'durable', 'arguments')).map(([name, ...rest]) => [name, rest]),
    );
    const [type, durable, args] = queues.get('q.orders')!;
    assert.equal(type, 'quorum');
    assert.equal(durable, 'true');
    assert.match(args!, /\{"x-delivery-limit",long,20\}|x-delivery-limit.*20/);
    assert.match(args!, /x-dead-letter-exchange.*webnovel\.events\.dead-letter/);
    assert.match(args!, /x-dead-letter-routing-key.*q\.orders\.dead-letter/);
    assert.equal(queues.get('q.orders.dead-letter')?.[0], 'classic');
    assert.equal(queues.get('q.legacy')?.[0], 'classic');
    assert.doesNotMatch(queues.get('q.legacy')![2]!, /x-delivery-limit/);
    const bindings = (await listRows(vhost.name, 'bindings', 'source_name', 'destination_name', 'routing_key'))
      .filter(([source]) => source !== '')
      .map((row) => row.join(' '))
      .sort();
    assert.deepEqual(bindings, [
      'webnovel.events q.legacy book.purchased',
      'webnovel.events q.orders #',
      'webnovel.events q.orders book.purchased',
      'webnovel.events q.orders user.*',
      'webnovel.events.dead-letter q.legacy.dead-letter q.legacy.dead-letter',
      'webnovel.events.dead-letter q.orders.dead-letter q.orders.dead-letter',
    ]);
  });

  it('publishes persistent messages with the event’s properties and headers', async () => {
    const transport = await start(new TestTransportHost('wire', ['nothing.here']), { exchange: 'wire.events' });
    const raw = new Connection(vhost.url);
    const seen: AsyncMessage[] = [];
    const tap = raw.createConsumer(
      {
        queue: 'wire.tap',
        queueOptions: { exclusive: true },
        queueBindings: [{ queue: 'wire.tap', exchange: 'wire.events', routingKey: '#' }],
      },
      (msg) => void seen.push(msg),
    );
    await new Promise((resolve) => tap.once('ready', resolve));
    const event = createDomainEvent({
      type: 'book.purchased',
      version: 3,
      data: { book_id: 'b1' },
      source: 'store-service',
      correlationId: 'corr-9',
      causationId: 'cause-9',
      metadata: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', tenant: 'acme' },
    });
    await transport.publish([event]);
    await waitFor(() => seen.length === 1);
    const msg = seen[0]!;
    assert.equal(msg.routingKey, 'book.purchased');
    assert.equal(msg.durable, true, 'delivery mode 2');
    assert.equal(msg.messageId, event.id);
    assert.equal(msg.type, 'book.purchased');
    assert.equal(msg.correlationId, 'corr-9');
    assert.equal(msg.timestamp, Math.floor(event.occurredAt.getTime() / 1000));
    assert.equal(msg.contentType, 'application/json');
    assert.equal(msg.appId, 'store-service');
    assert.deepEqual(msg.headers, {
      traceparent: event.metadata.traceparent,
      tenant: 'acme',
      'event-version': 3,
      'event-source': 'store-service',
      'causation-id': 'cause-9',
    });
    // The client parses application/json bodies; the body is the core's serialized envelope.
    assert.deepEqual(msg.body, JSON.parse(serializeEvent(event)));
    await tap.close();
    await raw.close();
  });

  it('dead-letters a message the host keeps refusing once the delivery limit is reached, backing off each time', async () => {
    const host = new TestTransportHost('poison', ['book.purchased']);
    host.onReceive = () => Promise.reject(new Error('delivery driver down'));
    const transport = await start(host, { queuePrefix: 'p.', deliveryLimit: 3, redeliveryDelayMs: 30, maxRedeliveryDelayMs: 200 });
    const poison = createDomainEvent({ type: 'book.purchased', data: { book_id: 'b1' } });
    await transport.publish([poison]);
    const [id] = await waitFor(
      async () => {
        const ids = await transport.deadLetters.ids({});
        return ids.length === 1 ? ids : undefined;
      },
      { timeoutMs: 15_000, description: 'the poison message in the dead-letter queue' },
    );
    const letter = (await transport.deadLetters.get(id!))!;
    assert.equal(letter.event.id, poison.id);
    assert.equal(letter.error.name, 'DeliveryLimitExceeded');
    assert.match(letter.error.message, /more than 3 times/);
    assert.equal(letter.handler, 'rabbitmq.poison');
    assert.equal(letter.queue, 'p.poison.dead-letter');
    // x-delivery-limit 3: the first delivery and three redeliveries, then the broker dead-letters it.
    assert.equal(host.calls.length, 4);
    assert.equal(letter.attempts, 4);
    const gaps = host.calls.slice(1).map((c, i) => c.at - host.calls[i]!.at);
    assert.ok(
      gaps.every((gap) => gap >= 25),
      `no hot loop: gaps ${gaps.map((g) => g.toFixed(0)).join(', ')} ms`,
    );
    assert.equal(host.outcomes('consume_failed').length, 4);
    assert.equal(host.outcomes('dead_lettered').length, 1);
    const depths = await transport.depths();
    assert.deepEqual(
      depths.map((d) => [d.queue, d.messages, d.deadLetters]),
      [['p.poison', 0, 1]],
    );
    // Reprocess: a fresh message with a fresh delivery count, which the now healthy host takes.
    host.onReceive = undefined;
    assert.equal(await transport.deadLetters.reprocess(id!), true);
    await waitFor(() => host.received.length === 1);
    assert.equal(host.received[0]!.id, poison.id);
    assert.deepEqual(await transport.deadLetters.ids({}), []);
  });
});
