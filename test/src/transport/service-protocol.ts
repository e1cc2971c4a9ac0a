// What the parent tells service-child.ts (its config, as argv[2] in JSON) and the IPC messages between them.

/** One handler the child registers: `name` is also the middle part of its effect keys. */
export interface HandlerSpec {
  readonly type: string;
  readonly mode: 'sync' | 'async';
  readonly name: string;
}

/** One service instance: a Nest application with the RabbitMQ transport, in a process of its own. */
export interface ServiceConfig {
  /** The module's `source`: its queue is `<service>` in the test's vhost, its BullMQ queue `<service>` too. */
  readonly service: string;
  /** Tells instances of one service apart in the effect counts. */
  readonly instance: string;
  /** The AMQP URL, straight to the broker or through the parent's TcpProxy. */
  readonly url: string;
  /** The test's Redis key prefix: BullMQ's keys and the effect hashes are all under it. */
  readonly prefix: string;
  /** @default 'remote' */
  readonly mode?: 'remote' | 'hybrid';
  readonly localOnly?: readonly string[];
  readonly handlers?: readonly HandlerSpec[];
  /** `'v1'`: an older producer whose catalog stops at `user.registered` v1. @default 'current' */
  readonly catalog?: 'current' | 'v1';
  /** Where BullMqDelivery finds Redis (a TcpProxy port for the poison test). @default 6379 */
  readonly redisPort?: number;
  /** Run BullMQ workers here. @default true */
  readonly workers?: boolean;
  /** An `order_id` on which this instance's sync handlers hang (before any effect), reporting `blocked`. */
  readonly blockOn?: string;
  /** Extra RabbitMqTransport options. */
  readonly rabbit?: Readonly<Record<string, number>>;
  /** Extra BullMqDelivery options. */
  readonly bullmq?: Readonly<Record<string, number>>;
  /** Registers an OpenTelemetry SDK with an in-memory exporter. */
  readonly tracing?: boolean;
}

export type EventKind = 'book.purchased' | 'user.logged_in' | 'user.registered';

export type Command =
  | { readonly cmd: 'publish'; readonly type: EventKind; readonly count: number; readonly key?: string; readonly traced?: boolean }
  | { readonly cmd: 'stream'; readonly pauseMs: number }
  | { readonly cmd: 'streamStatus' }
  | { readonly cmd: 'stopStream' }
  | { readonly cmd: 'records' }
  | { readonly cmd: 'spans' }
  | { readonly cmd: 'close' }
  | { readonly cmd: 'deadLetters'; readonly op: 'list' | 'reprocess' | 'purge'; readonly letterId?: string; readonly handler?: string };

export interface PublishResult {
  readonly ids: string[];
  /** Of those, how many had this process's sync handlers run exactly once by the time publish resolved. */
  readonly ranInside: number;
  /** With `traced`, the trace id of the span each publish ran under. */
  readonly traceIds: string[];
}

export interface StreamStatus {
  readonly confirmed: number;
  readonly rejected: number;
}

export interface Rejection {
  readonly id: string;
  readonly ms: number;
  readonly name: string;
  readonly transport: string | undefined;
}

export interface StreamResult {
  readonly confirmed: string[];
  readonly rejections: Rejection[];
}

/** A TransportRecord the child's observer saw, with when (epoch ms). */
export interface SeenRecord {
  readonly outcome: string;
  readonly type: string;
  readonly at: number;
}

export interface SeenSpan {
  readonly name: string;
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string | undefined;
}

/** A dead letter, flattened for IPC. */
export interface SeenDeadLetter {
  readonly id: string;
  readonly handler: string;
  readonly queue: string;
  readonly eventId: string;
  readonly type: string;
  readonly error: { readonly name: string; readonly message: string };
  readonly attempts: number;
}

/** What a handler run writes to `<prefix>:seen`, beside its count in `<prefix>:effects`. */
export interface SeenRun {
  readonly version: number;
  readonly data: Record<string, unknown>;
  readonly traceId: string | undefined;
  readonly traceparent: string | undefined;
}

/** Messages from the child that answer no request. */
export type Notice =
  | { readonly notice: 'ready' }
  | { readonly notice: 'blocked'; readonly eventId: string }
  | { readonly notice: 'failed'; readonly error: string };

export interface Reply {
  readonly id: number;
  readonly ok: boolean;
  readonly result?: unknown;
  readonly error?: string;
}
