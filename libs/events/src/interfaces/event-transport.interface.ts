import type { DeadLetterQueue } from './dead-letter.interface.js';
import type { DomainEvent } from './domain-event.interface.js';

/**
 * How the bus uses its transport:
 * - `'remote'`: every event goes through the broker, and this service's own handlers receive it from there too, so
 *   its instances share the work;
 * - `'hybrid'`: this service's handlers run in process, and the event is also published for other services; the
 *   copy the broker delivers back to this service is acknowledged without running anything.
 */
export type TransportMode = 'remote' | 'hybrid';

/** What happened to one message on a transport, for metrics and logs. */
export type TransportOutcome =
  /** The broker confirmed a published message. */
  | 'published'
  /** The broker refused a publish or did not confirm it in time. */
  | 'publish_failed'
  /** An inbound message was handed to this service's handlers and acknowledged. */
  | 'consumed'
  /** An inbound message this service published itself (hybrid mode), acknowledged without running anything. */
  | 'skipped_own'
  /** An inbound message could not be handed over (the delivery driver was down); it stays with the broker. */
  | 'consume_failed'
  /** An inbound message that could not be decoded, or hit the broker's delivery limit, moved to the dead letters. */
  | 'dead_lettered';

/** How an inbound message that was handed over ends: what the transport records once it acknowledged it. */
export type InboundOutcome = Extract<TransportOutcome, 'consumed' | 'skipped_own'>;

/** One settled transport operation. */
export interface TransportRecord {
  /** The transport's name, such as `'rabbitmq'`. */
  readonly transport: string;
  readonly outcome: TransportOutcome;
  /** The event type; `'invalid'` when the message had no sound type. */
  readonly type: string;
  /** Messages settled together (a confirmed batch); 1 inbound. */
  readonly count: number;
  readonly durationMs: number;
  readonly error?: unknown;
}

/** Depth of one broker queue the transport consumes, with its dead letters. */
export interface TransportQueueDepth {
  readonly queue: string;
  /** Messages ready for delivery. */
  readonly messages: number;
  /** Consumers attached (all instances of the service). */
  readonly consumers: number;
  /** Messages in the queue's dead-letter queue. */
  readonly deadLetters: number;
}

/** What a transport may call back into. Given to `start`. */
export interface TransportHost {
  /**
   * The consuming service: the module's `source`. The transport's queue derives from it, so every instance of one
   * service shares one queue (competing consumers) and each service gets its own copy of every event.
   */
  readonly service: string;
  /**
   * The patterns this service takes from the broker (exact types, `user.*`, or `*`): every handler's patterns, less
   * `localOnly` types. The same in both modes, since other services publish the types this one handles.
   */
  readonly patterns: readonly string[];
  /**
   * Turns a received body (JSON text or its parsed form) into an envelope, its payload rebuilt through the catalog.
   * @throws InvalidEventEnvelopeError when it is not a sound envelope; the message is a dead letter
   */
  revive(input: string | object): DomainEvent;
  /**
   * Hands one inbound event to this service's handlers: sync ones run here (a failure goes to the delivery driver's
   * retry path, never back to the broker), async ones are handed to the delivery driver. Resolves once the message
   * may be acknowledged, with the outcome to record for it: `'consumed'`, or `'skipped_own'` for an event this service
   * published itself in hybrid mode (nothing ran). Rejects only when the event could not be handed over (the delivery
   * driver is unavailable): then the transport must not acknowledge; it backs off and lets the broker deliver it again.
   */
  receive(event: DomainEvent): Promise<InboundOutcome>;
  /** Records a settled operation, for metrics and logs. Cheap and synchronous. */
  record(record: TransportRecord): void;
}

/**
 * The port between the bus and a message broker: RabbitMQ with `@webnovel/events-rabbitmq`, Kafka later, and the
 * in-memory transport for tests and for several apps in one process. Each passes the conformance suite in
 * `@webnovel/events/testing`.
 */
export interface EventTransport {
  /** A short name for logs and metric labels, such as `'rabbitmq'`. */
  readonly name: string;
  /**
   * Connects, declares its topology for `host.service` and `host.patterns`, and starts consuming. Called once handlers
   * are discovered and the delivery driver has started, before the first `publish`.
   * @throws when the broker cannot be reached or the topology cannot be declared: bootstrap fails
   */
  start(host: TransportHost): Promise<void>;
  /**
   * Publishes the events, in order, and resolves only once the broker has durably accepted every one (publisher
   * confirms). Rejects with `EventTransportUnavailableError` when the broker is unreachable, refuses a message or
   * does not confirm in time; some of the batch may then have been accepted, so callers republish the whole batch
   * and consumers deduplicate by event id.
   */
  publish(events: readonly DomainEvent[]): Promise<void>;
  /**
   * Stops consuming, waits up to `timeoutMs` for in-flight messages to be handed over and acknowledged, then closes.
   * Idempotent.
   */
  close(timeoutMs: number): Promise<void>;
  /** A cheap round trip to the broker, for health checks; rejects when it does not answer. */
  ping?(): Promise<void>;
  /** Messages this service could not decode or that kept failing, kept for an operator. */
  readonly deadLetters?: DeadLetterQueue;
  /** Depth of the queues the transport consumes, with their dead-letter counts. */
  depths?(): Promise<TransportQueueDepth[]>;
}

/** The `transport` option of `EventsModule`: which broker, how this service uses it, and what never leaves it. */
export interface TransportOptions {
  /** The adapter, such as `RabbitMqTransport` from `@webnovel/events-rabbitmq`, or an `InMemoryTransport`. */
  readonly adapter: EventTransport;
  /**
   * `'hybrid'`: this service's handlers run in process and every event is also published for other services.
   * `'remote'`: every event goes through the broker, this service's handlers included.
   * @default 'hybrid'
   */
  readonly mode?: TransportMode;
  /**
   * Patterns of events that never leave this process (the seed's `local_only`, such as `user.logged_in`): they are
   * dispatched in process in every mode and never published to the broker.
   * @default []
   */
  readonly localOnly?: readonly string[];
}
