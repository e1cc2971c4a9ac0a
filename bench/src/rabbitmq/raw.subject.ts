import { serializeEvent, type DomainEvent } from '@webnovel/events';
import { RABBITMQ_HEADERS } from '@webnovel/events-rabbitmq';
import { Connection, type Envelope } from 'rabbitmq-client';
import { CompletionCounter } from '../support/completion-counter.js';
import { CONCURRENCY, EVENT_TYPE, PREFETCH, type TransportSubject } from './transport.subject.js';

/**
 * The anchor: what a hand-rolled rabbitmq-client user writes. A confirm publisher of persistent messages (the same
 * JSON body, routing key the type) to a durable topic exchange, a durable quorum queue bound to it, and a consumer with
 * the same prefetch and concurrency that acks each message after counting it. No headers, no revival, no dead letters.
 * Many publishes are in flight on the one confirm channel (the caller's window), as a throughput-minded user does;
 * `noDelay` is rabbitmq-client's own default (Nagle on) unless asked otherwise.
 */
export async function startRaw(url: string, name: string, noDelay = false, withProperties = false): Promise<TransportSubject> {
  const counter = new CompletionCounter();
  const connection = new Connection({ url, noDelay });
  const exchange = `${name}.events`;
  const queue = `${name}.bench`;
  const consumer = connection.createConsumer(
    {
      queue,
      queueOptions: { durable: true, arguments: { 'x-queue-type': 'quorum' } },
      exchanges: [{ exchange, type: 'topic', durable: true }],
      queueBindings: [{ queue, exchange, routingKey: EVENT_TYPE }],
      qos: { prefetchCount: PREFETCH },
      concurrency: CONCURRENCY,
    },
    async () => counter.hit(),
  );
  await new Promise((resolve) => consumer.once('ready', resolve));
  const publisher = connection.createPublisher({ confirm: true, exchanges: [{ exchange, type: 'topic', durable: true }] });
  const envelope = (event: DomainEvent): Envelope =>
    withProperties
      ? {
          exchange,
          routingKey: event.type,
          durable: true,
          contentType: 'application/json',
          messageId: event.id,
          type: event.type,
          correlationId: event.correlationId,
          timestamp: Math.floor(event.occurredAt.getTime() / 1000),
          appId: event.source,
          headers: { ...event.metadata, [RABBITMQ_HEADERS.version]: event.version, [RABBITMQ_HEADERS.source]: event.source },
        }
      : { exchange, routingKey: event.type, durable: true, contentType: 'application/json' };
  const sendOne = (event: DomainEvent): Promise<void> => publisher.send(envelope(event), Buffer.from(serializeEvent(event)));
  return {
    counter,
    sendOne,
    sendBatch: async (events: readonly DomainEvent[]) => {
      await Promise.all(events.map(sendOne));
    },
    close: async () => {
      await consumer.close();
      await publisher.close();
      await connection.queueDelete({ queue });
      await connection.exchangeDelete({ exchange });
      await connection.close();
      counter.verify();
    },
  };
}
