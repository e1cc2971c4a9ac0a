import type { ResolvedRabbitMqTransportOptions } from './rabbitmq-transport.options.js';

/** The broker objects one service uses; every name derives from options and the service, so instances agree. */
export interface RabbitMqTopology {
  /** The durable topic exchange all services publish to. */
  readonly exchange: string;
  /** The service's queue, shared by its instances (competing consumers). */
  readonly queue: string;
  /** Where the service queue dead-letters, and where undecodable messages are moved to. */
  readonly deadLetterExchange: string;
  /** `<queue>.dead-letter`, bound to the dead-letter exchange with its own name as the routing key. */
  readonly deadLetterQueue: string;
  /** Binding keys of the service queue: the host's patterns, `*` alone becoming `#`. */
  readonly bindingKeys: readonly string[];
  /** Arguments of the service queue. */
  readonly queueArguments: Readonly<Record<string, string | number>>;
}

/**
 * The AMQP binding key of a handler pattern. The core's grammar mirrors AMQP topics (`*` is one segment), so
 * `user.*` stays `user.*`; only `*` alone, which means every event to the core, becomes `#`.
 */
export function bindingKeyOf(pattern: string): string {
  return pattern === '*' ? '#' : pattern;
}

export function rabbitMqTopology(
  options: ResolvedRabbitMqTransportOptions,
  service: string,
  patterns: readonly string[],
): RabbitMqTopology {
  const queue = `${options.queuePrefix}${service}`;
  const deadLetterExchange = `${options.exchange}.dead-letter`;
  const deadLetterQueue = `${queue}.dead-letter`;
  const bindingKeys = [...new Set(patterns.map(bindingKeyOf))];
  const queueArguments: Record<string, string | number> = {
    'x-queue-type': options.queueType,
    'x-dead-letter-exchange': deadLetterExchange,
    'x-dead-letter-routing-key': deadLetterQueue,
  };
  // Classic queues have no delivery count before RabbitMQ 4 and reject the argument's meaning; the transport counts.
  if (options.queueType === 'quorum') queueArguments['x-delivery-limit'] = options.deliveryLimit;
  return { exchange: options.exchange, queue, deadLetterExchange, deadLetterQueue, bindingKeys, queueArguments };
}

/** What to declare, in order: exchanges, the two queues, then the bindings. Idempotent, so it reruns after a reconnect. */
export function declarations(topology: RabbitMqTopology) {
  const queueType = (type: unknown) => type as 'quorum' | 'classic';
  return {
    exchanges: [
      { exchange: topology.exchange, type: 'topic', durable: true },
      { exchange: topology.deadLetterExchange, type: 'direct', durable: true },
    ],
    queue: {
      queue: topology.queue,
      durable: true,
      arguments: { ...topology.queueArguments, 'x-queue-type': queueType(topology.queueArguments['x-queue-type']) },
    },
    // Classic on purpose: browsing requeues every message, which on a quorum queue would count as a delivery (and
    // RabbitMQ 4's default limit of 20 would drop dead letters after 20 looks).
    deadLetterQueue: { queue: topology.deadLetterQueue, durable: true, arguments: { 'x-queue-type': queueType('classic') } },
    bindings: [
      ...topology.bindingKeys.map((routingKey) => ({ queue: topology.queue, exchange: topology.exchange, routingKey })),
      { queue: topology.deadLetterQueue, exchange: topology.deadLetterExchange, routingKey: topology.deadLetterQueue },
    ],
  };
}
