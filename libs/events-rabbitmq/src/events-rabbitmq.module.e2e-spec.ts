// EventsRabbitMqModule wired into EventsModule.forRootAsync on the real broker: the transport it provides carries an
// event from one application to another, and bad options fail the bootstrap with every problem named.
import 'reflect-metadata';
import { Injectable, type INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { EventBus, EventsModule, OnDomainEvent, createDomainEvent, type DomainEvent } from '@webnovel/events';
import { waitFor } from '@webnovel/testing';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { InvalidRabbitMqTransportOptionsError } from './errors/invalid-rabbitmq-transport-options.error.js';
import { RabbitMqStartError } from './errors/rabbitmq-start.error.js';
import { EventsRabbitMqModule } from './events-rabbitmq.module.js';
import { RabbitMqTransport } from './rabbitmq.transport.js';
import { createVhost, quiet, type TestVhost } from './test/rabbitmq.fixture.js';

const received: DomainEvent[] = [];

@Injectable()
class Shipping {
  @OnDomainEvent('order.paid', { name: 'Shipping.ship' })
  ship(event: DomainEvent) {
    received.push(event);
  }
}

async function service(source: string, url: string, providers: (typeof Shipping)[] = []): Promise<INestApplicationContext> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      EventsModule.forRootAsync({
        imports: [EventsRabbitMqModule.forRoot({ url, prefetch: 20 })],
        inject: [RabbitMqTransport],
        useFactory: (adapter: RabbitMqTransport) => ({
          source,
          unknownEvents: 'allow' as const,
          logHandlers: false,
          transport: { adapter, mode: 'remote' as const },
        }),
      }),
    ],
    providers,
  })
    .setLogger(quiet)
    .compile();
  return moduleRef.init();
}

describe('EventsRabbitMqModule (e2e)', () => {
  let vhost: TestVhost;
  before(async () => {
    vhost = await createVhost('module');
  });
  after(async () => vhost?.delete());

  it('provides a transport that EventsModule starts, uses and closes', async () => {
    const shop = await service('shop', vhost.url);
    const shipping = await service('shipping', vhost.url, [Shipping]);
    const event = createDomainEvent({ type: 'order.paid', data: { order_id: 'o-1' } });
    await shop.get(EventBus).publish(event);
    await waitFor(() => received.length === 1, { description: 'the order to reach shipping' });
    assert.equal(received[0]!.id, event.id);
    assert.equal(received[0]!.source, 'shop');
    await Promise.all([shop.close(), shipping.close()]);
    // Closed with its application: a publish on the shop's transport now refuses.
    await assert.rejects(shop.get(RabbitMqTransport).publish([event]), /closed/);
  });

  it('fails the bootstrap with RabbitMqStartError when the broker cannot be reached, without showing the password', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        EventsModule.forRootAsync({
          imports: [EventsRabbitMqModule.forRoot({ url: 'amqp://guest:s3cret@127.0.0.1:1', connectTimeoutMs: 300 })],
          inject: [RabbitMqTransport],
          useFactory: (adapter: RabbitMqTransport) => ({ source: 'nowhere', unknownEvents: 'allow' as const, transport: { adapter } }),
        }),
      ],
    })
      .setLogger(quiet)
      .compile();
    await assert.rejects(moduleRef.init(), (error: unknown) => {
      assert.ok(error instanceof RabbitMqStartError);
      assert.equal(error.name, 'RabbitMqStartError');
      assert.equal(error.stage, 'connect');
      assert.match(error.message, /^Could not connect to RabbitMQ at 127\.0\.0\.1:1 within 300 ms \(connectTimeoutMs\)/);
      assert.match(error.message, /Check the url option/);
      assert.doesNotMatch(error.message, /s3cret/);
      return true;
    });
  });

  it('fails the bootstrap naming every bad option', async () => {
    await assert.rejects(
      Test.createTestingModule({ imports: [EventsRabbitMqModule.forRoot({ url: 'http://x', prefetch: 0 })] })
        .setLogger(quiet)
        .compile(),
      (error: unknown) => {
        assert.ok(error instanceof InvalidRabbitMqTransportOptionsError);
        assert.match(error.message, /^RabbitMqTransport options are invalid \(2 problems\):/);
        assert.match(error.message, /url must be an AMQP URL/);
        assert.match(error.message, /prefetch/);
        return true;
      },
    );
  });
});
