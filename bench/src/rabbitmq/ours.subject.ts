import { deserializeEvent, type DomainEvent, type TransportHost } from '@webnovel/events';
import { RabbitMqTransport } from '@webnovel/events-rabbitmq';
import { Connection } from 'rabbitmq-client';
import { CompletionCounter } from '../support/completion-counter.js';
import { CONCURRENCY, EVENT_TYPE, PREFETCH, type TransportSubject } from './transport.subject.js';

/**
 * Ours: `RabbitMqTransport` (quorum queue, dead-letter queue, publisher confirms, the event's properties and headers)
 * with a host that revives through `deserializeEvent` and whose `receive` only counts: the transport's own cost,
 * without the bus (which `npm run bench` measures).
 */
export async function startOurs(url: string, name: string, noDelay = true): Promise<TransportSubject> {
  const counter = new CompletionCounter();
  const transport = new RabbitMqTransport({
    url,
    exchange: `${name}.events`,
    queuePrefix: `${name}.`,
    prefetch: PREFETCH,
    concurrency: CONCURRENCY,
    noDelay,
  });
  const host: TransportHost = {
    service: 'bench',
    patterns: [EVENT_TYPE],
    revive: (input) => deserializeEvent(input),
    receive: async () => {
      counter.hit();
      return 'consumed';
    },
    record: () => undefined,
  };
  await transport.start(host);
  return {
    counter,
    sendOne: (event: DomainEvent) => transport.publish([event]),
    sendBatch: (events: readonly DomainEvent[]) => transport.publish(events),
    close: async () => {
      await transport.close(5_000);
      const admin = new Connection(url);
      await admin.queueDelete({ queue: `${name}.bench` });
      await admin.queueDelete({ queue: `${name}.bench.dead-letter` });
      await admin.exchangeDelete({ exchange: `${name}.events` });
      await admin.exchangeDelete({ exchange: `${name}.events.dead-letter` });
      await admin.close();
      counter.verify();
    },
  };
}
