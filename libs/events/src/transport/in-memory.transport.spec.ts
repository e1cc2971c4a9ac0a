import { waitFor } from '@webnovel/testing';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createDomainEvent } from '../event/domain-event.js';
import { serializeEvent } from '../event/event.serializer.js';
import { describeTransportConformance } from '../testing/transport.conformance.js';
import { TestTransportHost } from '../testing/transport-host.double.js';
import { InMemoryBroker } from './in-memory.broker.js';
import { InMemoryTransport } from './in-memory.transport.js';

describeTransportConformance('InMemory', {
  world() {
    const broker = new InMemoryBroker();
    return {
      create: () => new InMemoryTransport({ broker, redeliveryDelayMs: 25, maxRedeliveryDelayMs: 200 }),
      inject: async (service, body) => broker.send(service, { body, type: 'invalid' }),
    };
  },
});

describe('InMemoryTransport', () => {
  it('dead-letters a message refused more often than the delivery limit, backing off between tries', async () => {
    const broker = new InMemoryBroker();
    const transport = new InMemoryTransport({ broker, deliveryLimit: 3, redeliveryDelayMs: 5, maxRedeliveryDelayMs: 20 });
    const host = new TestTransportHost('svc', ['book.purchased']);
    host.onReceive = () => Promise.reject(new Error('always down'));
    await transport.start(host);
    const poison = createDomainEvent({ type: 'book.purchased', data: {} });
    await transport.publish([poison]);
    const [id] = await waitFor(async () => {
      const ids = await transport.deadLetters.ids({});
      return ids.length === 1 ? ids : undefined;
    });
    assert.equal(host.calls.length, 4, 'the first delivery and three more');
    const letter = (await transport.deadLetters.get(id!))!;
    assert.equal(letter.event.id, poison.id);
    assert.equal(letter.error.name, 'DeliveryLimitExceeded');
    assert.match(letter.error.message, /more than 3 times/);
    assert.equal(letter.attempts, 4);
    assert.equal(host.outcomes('dead_lettered').length, 1);
    assert.deepEqual(await transport.depths(), [{ queue: 'svc', messages: 0, consumers: 1, deadLetters: 1 }]);
    await transport.close(100);
  });

  it('keeps two brokers apart: nothing is shared through static state', async () => {
    const [one, two] = [new InMemoryBroker(), new InMemoryBroker()];
    const hosts = [new TestTransportHost('svc', ['*']), new TestTransportHost('svc', ['*'])];
    const transports = [new InMemoryTransport({ broker: one }), new InMemoryTransport({ broker: two })];
    await transports[0]!.start(hosts[0]!);
    await transports[1]!.start(hosts[1]!);
    const sent = createDomainEvent({ type: 'a.b', data: {} });
    await transports[0]!.publish([sent]);
    await waitFor(() => hosts[0]!.received.length === 1);
    assert.equal(hosts[1]!.calls.length, 0);
    assert.equal(serializeEvent(hosts[0]!.received[0]!), serializeEvent(sent));
    for (const t of transports) await t.close(100);
  });
});
