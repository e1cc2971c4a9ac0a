import { Logger, type LoggerService } from '@nestjs/common';
import {
  EventTransportUnavailableError,
  type DomainEvent,
  type EventTransport,
  type TransportHost,
  type TransportQueueDepth,
} from '@webnovel/events';
import { describeError, transportHandlerName } from '@webnovel/events/internal';
import { Connection, type Consumer } from 'rabbitmq-client';
import {
  closedMessage,
  connectFailedMessage,
  connectionErrorMessage,
  notConnectedMessage,
  notStartedMessage,
  operationTimeoutMessage,
  publishTimeoutMessage,
  redeclareFailedMessage,
  topologyFailedMessage,
} from './events-rabbitmq.messages.js';
import { ConfirmDeadlines } from './confirm-deadlines.js';
import { RabbitMqStartError } from './errors/rabbitmq-start.error.js';
import { RabbitMqDeadLetterQueue } from './rabbitmq-dead-letter.queue.js';
import { RabbitMqInbound, type InboundContext } from './rabbitmq.inbound.js';
import {
  resolveRabbitMqTransportOptions,
  type RabbitMqTransportOptions,
  type ResolvedRabbitMqTransportOptions,
} from './rabbitmq-transport.options.js';
import { bodyOf, envelopeOf } from './rabbitmq.message.js';
import { declarations, rabbitMqTopology, type RabbitMqTopology } from './rabbitmq.topology.js';
import { timeout } from './timeout.util.js';
import { RABBITMQ_TRANSPORT_NAME } from './rabbitmq.constants.js';

const NAME = RABBITMQ_TRANSPORT_NAME;

/** Connection state of one started transport. */
interface Running extends InboundContext {
  readonly connection: Connection;
  consumer: Consumer;
}

/**
 * An `EventTransport` on RabbitMQ (with `rabbitmq-client`, which reconnects, redeclares and reattaches by itself):
 * one durable topic exchange keyed by event type, one durable queue per service shared by its instances, publisher
 * confirms, a bounded back-off before a refused message goes back, and a dead-letter queue for messages that cannot
 * be decoded or that exceeded the delivery limit. Each instance owns its connection: nothing is static.
 */
export class RabbitMqTransport implements EventTransport {
  readonly name = NAME;
  readonly deadLetters: RabbitMqDeadLetterQueue;
  readonly options: ResolvedRabbitMqTransportOptions;
  private readonly logger: LoggerService;
  private running: Running | undefined;
  private closing: Promise<void> | undefined;
  /** Aborts the back-offs of refused messages on close, so they go back to the broker at once. */
  private readonly backoffs = new AbortController();
  private readonly inbound: RabbitMqInbound;
  /** The publish timeout: one timer for all publishes in flight, not one each. */
  private readonly confirmDeadlines: ConfirmDeadlines;

  /** @throws InvalidRabbitMqTransportOptionsError listing every problem */
  constructor(options: RabbitMqTransportOptions) {
    this.options = resolveRabbitMqTransportOptions(options);
    this.logger = this.options.logger ?? new Logger('RabbitMqTransport');
    this.inbound = new RabbitMqInbound(this.options, this.logger, this.backoffs.signal);
    const publishTimeoutMs = this.options.publishTimeoutMs;
    this.confirmDeadlines = new ConfirmDeadlines(publishTimeoutMs, () => new Error(publishTimeoutMessage(publishTimeoutMs)));
    this.deadLetters = new RabbitMqDeadLetterQueue({
      connection: () => this.started().connection,
      host: () => this.started().host,
      topology: () => this.started().topology,
      handler: () => transportHandlerName(NAME, this.started().host.service),
      deliveryLimit: this.options.deliveryLimit,
      maxDeadLetters: this.options.maxDeadLetters,
      withTimeout: (operation, work) => this.withTimeout(operation, work),
    });
  }

  async start(host: TransportHost): Promise<void> {
    if (this.closing) throw new Error(closedMessage);
    const o = this.options;
    const topology = rabbitMqTopology(o, host.service, host.patterns);
    const connection = new Connection({
      url: o.url,
      connectionName: o.connectionName ?? `events ${host.service}`,
      retryLow: o.reconnectDelayMs,
      retryHigh: o.maxReconnectDelayMs,
      heartbeat: o.heartbeatSeconds,
      connectionTimeout: o.connectTimeoutMs,
      acquireTimeout: o.operationTimeoutMs,
      noDelay: o.noDelay,
    });
    connection.on('error', (error) => this.logger.warn(connectionErrorMessage(describeError(error)), 'RabbitMqTransport'));
    try {
      await connection.onConnect(o.connectTimeoutMs);
    } catch (error) {
      throw new RabbitMqStartError('connect', connectFailedMessage(safeHost(o.url), o.connectTimeoutMs, describeError(error)), {
        cause: error,
      });
    }
    const declared = declarations(topology);
    try {
      await this.declare(connection, topology);
    } catch (error) {
      connection.unsafeDestroy();
      throw new RabbitMqStartError('topology', topologyFailedMessage(topology.queue, describeError(error)), { cause: error });
    }
    // The consumer redeclares its own exchanges, queue and bindings on every channel reset; the rest (the dead-letter
    // queue) is redeclared on every reconnect here.
    connection.on('connection', () => {
      this.declare(connection, topology).catch((error: unknown) =>
        this.logger.warn(redeclareFailedMessage(describeError(error)), 'RabbitMqTransport'),
      );
    });
    const publisher = connection.createPublisher({ confirm: true, maxAttempts: 1, exchanges: declared.exchanges });
    const running: Running = { host, topology, connection, publisher, consumer: undefined as unknown as Consumer };
    this.running = running;
    running.consumer = await this.consume(running);
  }

  async publish(events: readonly DomainEvent[]): Promise<void> {
    const running = this.running;
    const first = events[0];
    if (first === undefined) return;
    if (running === undefined) return this.publishFailed(running, events, new Error(notStartedMessage));
    if (this.closing) return this.publishFailed(running, events, new Error(closedMessage));
    // While reconnecting, the client would queue the publish until acquireTimeout; callers would rather know now.
    if (!running.connection.ready) return this.publishFailed(running, events, new Error(notConnectedMessage(safeHost(this.options.url))));
    const started = performance.now();
    const exchange = running.topology.exchange;
    try {
      // One event per call is the bus's case: no array and no Promise.all around the single confirm.
      const confirmed: Promise<unknown> =
        events.length === 1
          ? running.publisher.send(envelopeOf(first, exchange), bodyOf(first))
          : Promise.all(events.map((event) => running.publisher.send(envelopeOf(event, exchange), bodyOf(event))));
      await this.confirmDeadlines.within(confirmed, started);
    } catch (error) {
      return this.publishFailed(running, events, error, performance.now() - started);
    }
    const durationMs = performance.now() - started;
    if (events.length === 1) running.host.record({ transport: NAME, outcome: 'published', type: first.type, count: 1, durationMs });
    else
      for (const [type, count] of countByType(events))
        running.host.record({ transport: NAME, outcome: 'published', type, count, durationMs });
  }

  /** Records every event of a refused publish and throws the typed error naming the first. */
  private publishFailed(running: Running | undefined, events: readonly DomainEvent[], cause: unknown, durationMs = 0): never {
    for (const event of events)
      running?.host.record({ transport: NAME, outcome: 'publish_failed', type: event.type, count: 1, durationMs, error: cause });
    throw new EventTransportUnavailableError(NAME, events[0]!.type, events[0]!.id, { cause });
  }

  close(timeoutMs: number): Promise<void> {
    this.closing ??= this.shutdown(timeoutMs);
    return this.closing;
  }

  async ping(): Promise<void> {
    const { connection, topology } = this.started();
    await this.withTimeout('a ping', connection.exchangeDeclare({ exchange: topology.exchange, passive: true }));
  }

  async depths(): Promise<TransportQueueDepth[]> {
    const { connection, topology } = this.started();
    const depth = (queue: string) => this.withTimeout('a queue depth', connection.queueDeclare({ queue, passive: true }));
    const [work, dead] = await Promise.all([depth(topology.queue), depth(topology.deadLetterQueue)]);
    return [{ queue: topology.queue, messages: work.messageCount, consumers: work.consumerCount, deadLetters: dead.messageCount }];
  }

  private async declare(connection: Connection, topology: RabbitMqTopology): Promise<void> {
    const d = declarations(topology);
    for (const exchange of d.exchanges) await connection.exchangeDeclare(exchange);
    await connection.queueDeclare(d.queue);
    await connection.queueDeclare(d.deadLetterQueue);
    for (const binding of d.bindings) await connection.queueBind(binding);
  }

  private async consume(running: Running): Promise<Consumer> {
    const d = declarations(running.topology);
    const consumer = running.connection.createConsumer(
      {
        queue: running.topology.queue,
        queueOptions: d.queue,
        exchanges: d.exchanges,
        queueBindings: d.bindings.filter((b) => b.queue === running.topology.queue),
        qos: { prefetchCount: this.options.prefetch },
        concurrency: this.options.concurrency,
        requeue: true,
      },
      (message) => this.inbound.handle(running, message),
    );
    consumer.on('error', (error) => this.logger.warn(connectionErrorMessage(describeError(error)), 'RabbitMqTransport'));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(topologyFailedMessage(running.topology.queue, 'the consumer did not start'))),
        this.options.connectTimeoutMs,
      );
      consumer.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    return consumer;
  }

  private async shutdown(timeoutMs: number): Promise<void> {
    const running = this.running;
    if (running === undefined) return;
    this.backoffs.abort();
    // Cancel, let in-flight messages finish and be acked, then close the channel (unstarted prefetched ones return).
    const drained = await timeout(running.consumer.close(), timeoutMs, () => new Error('drain timeout')).then(
      () => true,
      () => false,
    );
    if (!drained) {
      // Whatever is still unacknowledged goes back to the queue when the connection drops.
      running.connection.unsafeDestroy();
      return;
    }
    await timeout(running.publisher.close(), timeoutMs, () => new Error('close timeout')).catch(() => undefined);
    await timeout(running.connection.close(), timeoutMs, () => new Error('close timeout')).catch(() => running.connection.unsafeDestroy());
  }

  private withTimeout<T>(operation: string, work: Promise<T>): Promise<T> {
    const ms = this.options.operationTimeoutMs;
    return timeout(work, ms, () => new Error(operationTimeoutMessage(operation, ms)));
  }

  private started(): Running {
    if (this.running === undefined) throw new Error(notStartedMessage);
    return this.running;
  }
}

function countByType(events: readonly DomainEvent[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const event of events) counts.set(event.type, (counts.get(event.type) ?? 0) + 1);
  return counts;
}

/** The host and port of the URL, never its credentials. */
function safeHost(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || (parsed.protocol === 'amqps:' ? 5671 : 5672)}${parsed.pathname}`;
  } catch {
    return 'the configured url';
  }
}
