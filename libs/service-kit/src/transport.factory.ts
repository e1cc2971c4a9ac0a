import type { TransportOptions } from '@webnovel/events';
import { RabbitMqTransport } from '@webnovel/events-rabbitmq';
import type { TransportConfig } from './transport.config.js';

/**
 * The `transport` option of `EventsModule` for a service's config: undefined for `memory` (every event stays in the
 * process), a `RabbitMqTransport` in remote or hybrid mode otherwise. The bus starts and closes the adapter.
 */
export function transportOptionsFor(config: TransportConfig): TransportOptions | undefined {
  if (config.mode === undefined || config.rabbitMqUrl === undefined) return undefined;
  return { adapter: new RabbitMqTransport({ url: config.rabbitMqUrl }), mode: config.mode, localOnly: config.localOnly };
}
