/**
 * Headers that travel with an event, such as `traceparent`. Values are strings so that every
 * transport (AMQP headers, Kafka headers, BullMQ job data) can carry them unchanged.
 */
export type EventMetadata = Readonly<Record<string, string>>;

/**
 * The envelope every domain event travels in. Instances are deeply frozen.
 *
 * @typeParam TData - the payload, usually a class from the event catalog
 * @typeParam TType - the event type literal, for example `'book.purchased'`
 */
export interface DomainEvent<TData = unknown, TType extends string = string> {
  /** UUIDv7, so ids sort by creation time. */
  readonly id: string;
  /** Dotted event type, for example `user.registered`. */
  readonly type: TType;
  /** Schema version of `data`, a positive integer. */
  readonly version: number;
  /** When the fact happened. */
  readonly occurredAt: Date;
  /** The producing service. */
  readonly source: string;
  /** Shared by every event of one business flow; a root event uses its own id. */
  readonly correlationId: string;
  /** The id of the event whose handler produced this one, or `null` for a root event. */
  readonly causationId: string | null;
  /** The payload. */
  readonly data: TData;
  /** String headers, such as `traceparent`. */
  readonly metadata: EventMetadata;
}

/** Envelope fields a producer may set; everything else is derived. */
export interface EventCreateOptions {
  /** @default a new UUIDv7 */
  id?: string;
  /** @default now */
  occurredAt?: Date;
  /** @default '' (the bus stamps its configured `source`) */
  source?: string;
  /** @default the event's own id */
  correlationId?: string;
  /** @default null */
  causationId?: string | null;
  /** @default {} */
  metadata?: Record<string, string>;
}

/** Everything needed to build an envelope. */
export interface DomainEventInit<TData = unknown, TType extends string = string> extends EventCreateOptions {
  type: TType;
  data: TData;
  /** @default 1 */
  version?: number;
}
