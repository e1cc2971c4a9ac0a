import { describeTransportConformance } from '@webnovel/events/testing';
import { randomBytes } from 'node:crypto';
import { after, before } from 'node:test';
import { Connection } from 'rabbitmq-client';
import { RabbitMqTransport } from './rabbitmq.transport.js';
import { createVhost, quiet, type TestVhost } from './test/rabbitmq.fixture.js';

let vhost: TestVhost;
let admin: Connection;
before(async () => {
  vhost = await createVhost('conformance');
  admin = new Connection(vhost.url);
});
after(async () => {
  await admin.close();
  await vhost.delete();
});

// One vhost for the file, a queue prefix and exchange per test: declaring is cheap, `rabbitmqctl add_vhost` is not.
describeTransportConformance('RabbitMQ', {
  world() {
    const prefix = `t${randomBytes(4).toString('hex')}.`;
    return {
      create: () =>
        new RabbitMqTransport({
          url: vhost.url,
          queuePrefix: prefix,
          exchange: `${prefix}events`,
          redeliveryDelayMs: 40,
          maxRedeliveryDelayMs: 400,
          logger: quiet,
        }),
      async inject(service, body) {
        const publisher = admin.createPublisher({ confirm: true });
        await publisher.send({ routingKey: `${prefix}${service}` }, Buffer.from(body));
        await publisher.close();
      },
    };
  },
});
