import type { LoggerService } from '@nestjs/common';
import type { DomainEvent, InboundOutcome, TransportHost } from '@webnovel/events';
import { describeError, redeliveryDelay, undecodableMessageReason } from '@webnovel/events/internal';
import { ConsumerStatus, type AsyncMessage, type Publisher } from 'rabbitmq-client';
import { deadLetterFailedMessage, publishTimeoutMessage } from './events-rabbitmq.messages.js';
import type { ResolvedRabbitMqTransportOptions } from './rabbitmq-transport.options.js';
import { forwardedEnvelope, HEADER, revivable, undecodableOf } from './rabbitmq.message.js';
import type { RabbitMqTopology } from './rabbitmq.topology.js';
import { timeout } from './timeout.util.js';
import { RABBITMQ_TRANSPORT_NAME } from './rabbitmq.constants.js';

const NAME = RABBITMQ_TRANSPORT_NAME;

/** What handling a message needs of a started transport. */
export interface InboundContext {
  readonly host: TransportHost;
  readonly topology: RabbitMqTopology;
  readonly publisher: Publisher;
}

/**
 * The consuming side of `RabbitMqTransport`: revive, hand over, record, and decide the message's fate. A refused
 * hand-over waits a bounded back-off before the message goes back (never a hot loop); an undecodable body goes to the
 * dead-letter queue with the reason.
 */
export class RabbitMqInbound {
  /** Deliveries seen per message id, for classic queues, which have no delivery count. */
  private readonly classicDeliveries = new Map<string, number>();

  constructor(
    private readonly options: ResolvedRabbitMqTransportOptions,
    private readonly logger: LoggerService,
    /** Aborted on close, so back-offs end at once and their messages go back to the broker. */
    private readonly backoffs: AbortSignal,
  ) {}

  /** Hands one message to the host and says what becomes of it: acked, returned after a back-off, or dropped. */
  async handle(running: InboundContext, message: AsyncMessage): Promise<ConsumerStatus> {
    const { host } = running;
    const started = performance.now();
    let event: DomainEvent;
    try {
      event = host.revive(revivable(message.body));
    } catch (error) {
      return this.deadLetterUndecodable(running, message, error, started);
    }
    let outcome: InboundOutcome;
    try {
      outcome = await host.receive(event);
    } catch (error) {
      host.record({
        transport: NAME,
        outcome: 'consume_failed',
        type: event.type,
        count: 1,
        durationMs: performance.now() - started,
        error,
      });
      // Not straight back: the broker would redeliver at once, a hot loop while the delivery driver is down. The
      // message keeps its prefetch slot meanwhile, which throttles the consumer as it should.
      const deliveries = this.deliveriesOf(message);
      await this.pause(redeliveryDelay(deliveries, this.options.redeliveryDelayMs, this.options.maxRedeliveryDelayMs));
      // A quorum queue dead-letters a message returned more than x-delivery-limit times: say so, as the broker won't.
      if (this.options.queueType === 'quorum' && deliveries > this.options.deliveryLimit)
        host.record({ transport: NAME, outcome: 'dead_lettered', type: event.type, count: 1, durationMs: performance.now() - started });
      if (this.options.queueType === 'classic' && deliveries >= this.options.deliveryLimit) {
        this.classicDeliveries.delete(message.messageId ?? '');
        host.record({ transport: NAME, outcome: 'dead_lettered', type: event.type, count: 1, durationMs: performance.now() - started });
        return ConsumerStatus.DROP;
      }
      return ConsumerStatus.REQUEUE;
    }
    if (this.options.queueType === 'classic' && message.redelivered) this.classicDeliveries.delete(message.messageId ?? '');
    host.record({ transport: NAME, outcome, type: event.type, count: 1, durationMs: performance.now() - started });
    return ConsumerStatus.ACK;
  }

  /** Moves a message that is not a sound event to the dead-letter queue, with the reason as headers, then acks it. */
  private async deadLetterUndecodable(
    running: InboundContext,
    message: AsyncMessage,
    error: unknown,
    started: number,
  ): Promise<ConsumerStatus> {
    const { topology, host } = running;
    const info = undecodableOf(message);
    try {
      await timeout(
        running.publisher.send(
          forwardedEnvelope(message, topology.deadLetterExchange, topology.deadLetterQueue, {
            ...message.headers,
            [HEADER.reason]: 'undecodable',
            [HEADER.errorName]: error instanceof Error ? error.name : typeof error,
            [HEADER.errorMessage]: undecodableMessageReason(describeError(error)),
            [HEADER.deadLetteredAt]: new Date().toISOString(),
            [HEADER.attempts]: this.deliveriesOf(message),
          }),
          Buffer.isBuffer(message.body) ? message.body : Buffer.from(typeof info.body === 'string' ? info.body : JSON.stringify(info.body)),
        ),
        this.options.publishTimeoutMs,
        () => new Error(publishTimeoutMessage(this.options.publishTimeoutMs)),
      );
    } catch (cause) {
      this.logger.warn(deadLetterFailedMessage(topology.deadLetterQueue, describeError(cause)), 'RabbitMqTransport');
      host.record({
        transport: NAME,
        outcome: 'consume_failed',
        type: 'invalid',
        count: 1,
        durationMs: performance.now() - started,
        error: cause,
      });
      await this.pause(this.options.redeliveryDelayMs);
      return ConsumerStatus.REQUEUE;
    }
    host.record({ transport: NAME, outcome: 'dead_lettered', type: 'invalid', count: 1, durationMs: performance.now() - started, error });
    return ConsumerStatus.ACK;
  }

  /** This delivery's number: the quorum queue's count plus one, or what this process saw (classic queues). */
  private deliveriesOf(message: AsyncMessage): number {
    const count = Number(message.headers?.['x-delivery-count']);
    if (Number.isInteger(count)) return count + 1;
    if (!message.redelivered || !message.messageId) {
      if (message.messageId && this.options.queueType === 'classic') this.classicDeliveries.set(message.messageId, 1);
      return 1;
    }
    const seen = (this.classicDeliveries.get(message.messageId) ?? 1) + 1;
    // Bounded: an operator-sized set of failing messages, each forgotten once settled.
    if (this.classicDeliveries.size > 10_000) this.classicDeliveries.clear();
    this.classicDeliveries.set(message.messageId, seen);
    return seen;
  }

  private pause(ms: number): Promise<void> {
    const signal = this.backoffs;
    if (signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
