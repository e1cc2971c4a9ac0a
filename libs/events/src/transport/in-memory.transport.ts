import { EventTransportUnavailableError } from '../errors/event-transport.error.js';
import { serializeEvent } from '../event/event.serializer.js';
import type {
  DeadLetter,
  DeadLetterFilter,
  DeadLetterPage,
  DeadLetterPageRequest,
  DeadLetterQueue,
} from '../interfaces/dead-letter.interface.js';
import type { DomainEvent } from '../interfaces/domain-event.interface.js';
import type { EventTransport, InboundOutcome, TransportHost, TransportQueueDepth } from '../interfaces/event-transport.interface.js';
import type { InMemoryBroker, InMemoryDeadLetter, InMemoryDelivery, InMemorySubscription } from './in-memory.broker.js';
import {
  deadLetterIds,
  pageDeadLetters,
  redeliveryDelay,
  transportDeadLetterId,
  transportHandlerName,
  undecodableEnvelope,
} from './transport-dead-letter.js';
import { deliveryLimitReason, transportClosedMessage, transportNotStartedMessage, undecodableMessageReason } from './transport.messages.js';
import { describeError } from '../events.messages.js';

/** Options of `InMemoryTransport`. */
export interface InMemoryTransportOptions {
  /** The broker this transport shares with the other applications (or instances) of the process. */
  broker: InMemoryBroker;
  /** Unsettled messages this instance holds at once. @default 10 */
  prefetch?: number;
  /** Deliveries of one message past which the queue dead-letters it (the quorum queue's `x-delivery-limit`). @default 20 */
  deliveryLimit?: number;
  /** Back-off before a message whose hand-over failed goes back to the queue: doubles per delivery. @default 100 */
  redeliveryDelayMs?: number;
  /** Upper bound of that back-off. @default 5000 */
  maxRedeliveryDelayMs?: number;
}

const NAME = 'in-memory';

/**
 * The reference `EventTransport`: what RabbitMQ does, in memory. Use it in tests, and to run several applications in
 * one process that talk as they would through a broker (give each the same `InMemoryBroker`). Messages travel as JSON
 * text, so revival is exercised exactly as over a network.
 */
export class InMemoryTransport implements EventTransport {
  readonly name = NAME;
  readonly deadLetters: DeadLetterQueue;
  private readonly broker: InMemoryBroker;
  private readonly prefetch: number;
  private readonly deliveryLimit: number;
  private readonly delayMs: number;
  private readonly maxDelayMs: number;
  private host: TransportHost | undefined;
  private subscription: InMemorySubscription | undefined;
  private closed = false;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly backingOff = new Map<NodeJS.Timeout, InMemoryDelivery>();

  constructor(options: InMemoryTransportOptions) {
    this.broker = options.broker;
    this.prefetch = options.prefetch ?? 10;
    this.deliveryLimit = options.deliveryLimit ?? 20;
    this.delayMs = options.redeliveryDelayMs ?? 100;
    this.maxDelayMs = options.maxRedeliveryDelayMs ?? 5000;
    this.deadLetters = {
      list: (filter, page) => this.listDeadLetters(filter, page),
      get: async (id) => this.letters().find((l) => l.letter.id === id)?.letter,
      ids: async (filter) =>
        deadLetterIds(
          this.letters().map((l) => l.letter),
          filter,
        ),
      reprocess: async (id) => this.takeDeadLetter(id, (raw) => this.broker.send(this.started().service, raw)),
      remove: async (id) => this.takeDeadLetter(id, () => undefined),
    };
  }

  async start(host: TransportHost): Promise<void> {
    if (this.closed) throw new Error(transportClosedMessage(NAME));
    this.host = host;
    this.broker.declare(host.service, host.patterns, this.deliveryLimit);
    this.subscription = this.broker.consume(host.service, { prefetch: this.prefetch, onDelivery: (d) => this.track(this.handle(d)) });
  }

  async publish(events: readonly DomainEvent[]): Promise<void> {
    const started = performance.now();
    if (this.closed) {
      const cause = new Error(transportClosedMessage(NAME));
      for (const event of events)
        this.host?.record({ transport: NAME, outcome: 'publish_failed', type: event.type, count: 1, durationMs: 0, error: cause });
      throw new EventTransportUnavailableError(NAME, events[0]?.type ?? 'none', events[0]?.id ?? 'none', { cause });
    }
    for (const event of events) {
      this.broker.publish({ body: serializeEvent(event), type: event.type, messageId: event.id });
      this.host?.record({ transport: NAME, outcome: 'published', type: event.type, count: 1, durationMs: performance.now() - started });
    }
  }

  async close(timeoutMs: number): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.subscription?.cancel();
    // Messages waiting out a back-off go back now, as a closing channel would return them.
    for (const [timer, delivery] of this.backingOff) {
      clearTimeout(timer);
      delivery.requeue();
    }
    this.backingOff.clear();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled([...this.inFlight]), new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
    this.subscription?.release();
  }

  async ping(): Promise<void> {
    if (this.closed) throw new Error(transportClosedMessage(NAME));
  }

  async depths(): Promise<TransportQueueDepth[]> {
    const service = this.started().service;
    const depth = this.broker.depth(service);
    return [{ queue: service, messages: depth.messages, consumers: depth.consumers, deadLetters: depth.deadLetters }];
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private async handle(delivery: InMemoryDelivery): Promise<void> {
    const host = this.started();
    const started = performance.now();
    let event: DomainEvent;
    try {
      event = host.revive(delivery.message.body);
    } catch (error) {
      delivery.deadLetter({
        reason: 'undecodable',
        error: { name: errorName(error), message: undecodableMessageReason(describeError(error)) },
      });
      host.record({ transport: NAME, outcome: 'dead_lettered', type: 'invalid', count: 1, durationMs: performance.now() - started, error });
      return;
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
      if (this.closed) return void delivery.requeue();
      // Never straight back: the broker would hand it over again at once, a hot loop while the driver is down.
      const timer = setTimeout(
        () => {
          this.backingOff.delete(timer);
          if (delivery.requeue() === 'dead_lettered')
            host.record({ transport: NAME, outcome: 'dead_lettered', type: event.type, count: 1, durationMs: performance.now() - started });
        },
        redeliveryDelay(delivery.message.deliveries, this.delayMs, this.maxDelayMs),
      );
      this.backingOff.set(timer, delivery);
      return;
    }
    delivery.ack();
    host.record({ transport: NAME, outcome, type: event.type, count: 1, durationMs: performance.now() - started });
  }

  private letters(): { letter: DeadLetter; raw: InMemoryDeadLetter }[] {
    const host = this.started();
    const handler = transportHandlerName(NAME, host.service);
    return this.broker.deadLetters(host.service).map((raw) => {
      let event: DomainEvent;
      try {
        event = host.revive(raw.message.body);
      } catch {
        event = undecodableEnvelope({ body: parseOrText(raw.message.body), messageId: raw.message.messageId, type: raw.message.type });
      }
      const at = raw.deadLetteredAt.toISOString();
      const letter: DeadLetter = {
        id: transportDeadLetterId(event.id, handler),
        event,
        handler,
        queue: `${host.service}.dead-letter`,
        error: raw.reason === 'delivery_limit' ? { name: raw.error.name, message: deliveryLimitReason(this.deliveryLimit) } : raw.error,
        attempts: raw.message.deliveries,
        firstFailedAt: at,
        lastFailedAt: at,
        deadLetteredAt: at,
      };
      return { letter, raw };
    });
  }

  private async listDeadLetters(filter: DeadLetterFilter, page: Required<DeadLetterPageRequest>): Promise<DeadLetterPage> {
    return pageDeadLetters(
      this.letters().map((l) => l.letter),
      filter,
      page,
    );
  }

  private takeDeadLetter(id: string, then: (raw: InMemoryDeadLetter['message']) => void): boolean {
    const found = this.letters().find((l) => l.letter.id === id);
    if (found === undefined) return false;
    const all = this.broker.deadLetters(this.started().service);
    all.splice(all.indexOf(found.raw), 1);
    then(found.raw.message);
    return true;
  }

  private started(): TransportHost {
    if (this.host === undefined) throw new Error(transportNotStartedMessage(NAME));
    return this.host;
  }
}

const errorName = (error: unknown): string => (error instanceof Error ? error.name : typeof error);

function parseOrText(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}
