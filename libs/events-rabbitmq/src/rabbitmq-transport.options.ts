import type { LoggerService } from '@nestjs/common';
import { InvalidRabbitMqTransportOptionsError } from './errors/invalid-rabbitmq-transport-options.error.js';
import { unknownOptionProblem } from './events-rabbitmq.messages.js';

/** Options of `RabbitMqTransport`. */
export interface RabbitMqTransportOptions {
  /** The broker, such as `amqp://user:pass@rabbitmq:5672/vhost` (`amqps://` for TLS). */
  url: string;
  /** The durable topic exchange every service publishes to; the routing key is the event type. @default 'webnovel.events' */
  exchange?: string;
  /** Prepended to the service name to make its queue name, such as `'prod.'`. @default '' */
  queuePrefix?: string;
  /**
   * `'quorum'` (replicated, with a delivery count and `x-delivery-limit`) or `'classic'`. With classic queues the
   * delivery limit is enforced by this process only, from the redelivered flag it sees. @default 'quorum'
   */
  queueType?: 'quorum' | 'classic';
  /**
   * Deliveries after which the broker dead-letters a message (`x-delivery-limit`): the backstop for a message that
   * kills its consumer, or that the delivery driver kept refusing. Set explicitly, since RabbitMQ 4 otherwise applies
   * 20 on its own. With the default back-off, 20 deliveries ride out about 7 minutes of delivery driver outage.
   * @default 20
   */
  deliveryLimit?: number;
  /** Unacknowledged messages the broker sends this instance ahead (`basic.qos`). @default 100 */
  prefetch?: number;
  /** Messages handed to the host at once; at most `prefetch`. @default 50 */
  concurrency?: number;
  /** Longest wait for the broker to confirm a publish; then `publish` rejects. @default 5000 */
  publishTimeoutMs?: number;
  /** Longest wait for the first connection at `start`; then bootstrap fails. @default 10000 */
  connectTimeoutMs?: number;
  /** Longest wait for a ping, a depth query or a dead-letter operation. @default 5000 */
  operationTimeoutMs?: number;
  /** First back-off before a refused message is returned to the broker; doubles per delivery. @default 500 */
  redeliveryDelayMs?: number;
  /** Upper bound of that back-off. @default 30000 */
  maxRedeliveryDelayMs?: number;
  /** Step of the reconnect back-off. @default 1000 */
  reconnectDelayMs?: number;
  /** Upper bound of the reconnect back-off. @default 30000 */
  maxReconnectDelayMs?: number;
  /** AMQP heartbeat, in seconds: a silent broker is given up after two. @default 30 */
  heartbeatSeconds?: number;
  /**
   * Disables Nagle's algorithm on the socket. On: a confirmed publish takes a few ms instead of waiting out the
   * delayed-ACK timer (p99 about 15 ms against 50 ms here); off: larger TCP segments, about 10-20 % more throughput
   * under heavy load. @default true
   */
  noDelay?: boolean;
  /** Shown in the management UI. @default `events <service>` */
  connectionName?: string;
  /** Most dead letters read when listing them. @default 10000 */
  maxDeadLetters?: number;
  /** Where connection problems go. @default a Nest `Logger` with context `RabbitMqTransport` */
  logger?: LoggerService;
}

export type ResolvedRabbitMqTransportOptions = Required<Omit<RabbitMqTransportOptions, 'connectionName' | 'logger'>> &
  Pick<RabbitMqTransportOptions, 'connectionName' | 'logger'>;

const DEFAULTS = {
  exchange: 'webnovel.events',
  queuePrefix: '',
  queueType: 'quorum',
  deliveryLimit: 20,
  prefetch: 100,
  concurrency: 50,
  publishTimeoutMs: 5000,
  connectTimeoutMs: 10_000,
  operationTimeoutMs: 5000,
  redeliveryDelayMs: 500,
  maxRedeliveryDelayMs: 30_000,
  reconnectDelayMs: 1000,
  maxReconnectDelayMs: 30_000,
  heartbeatSeconds: 30,
  maxDeadLetters: 10_000,
  noDelay: true,
} as const;

const KNOWN = ['url', 'connectionName', 'logger', ...Object.keys(DEFAULTS)];
// AMQP allows more, but these read well in the management UI and in rabbitmqctl output.
const NAME = /^[A-Za-z0-9_.:-]+$/;
const positiveInt = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 1;

function nameProblem(key: string, value: unknown, allowEmpty: boolean): string | undefined {
  if (value === undefined) return undefined;
  const fix = `letters, digits, ".", "_", ":" or "-", at most 200, not starting with "amq."`;
  if (typeof value !== 'string' || (!allowEmpty && value === '') || value.length > 200 || (value !== '' && !NAME.test(value)))
    return `${key} must be ${allowEmpty ? '' : '1-200 '}${fix}; got ${JSON.stringify(value)}`;
  if (value.startsWith('amq.')) return `${key} must not start with "amq." (RabbitMQ reserves it); got "${value}"`;
  return undefined;
}

function urlProblem(url: unknown): string | undefined {
  const fix = 'url must be an AMQP URL such as "amqp://user:pass@localhost:5672/vhost" (amqps:// for TLS)';
  if (typeof url !== 'string' || url === '') return `${fix}; got ${url === undefined ? 'nothing' : JSON.stringify(url)}`;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'amqp:' && parsed.protocol !== 'amqps:') return `${fix}; got the scheme "${parsed.protocol}"`;
    if (parsed.hostname === '') return `${fix}; the host is missing`;
  } catch {
    return `${fix}; got ${JSON.stringify(url)}, which is not a URL`;
  }
  return undefined;
}

/**
 * Validates the options and applies defaults.
 * @throws InvalidRabbitMqTransportOptionsError listing every problem
 */
export function resolveRabbitMqTransportOptions(options: RabbitMqTransportOptions): ResolvedRabbitMqTransportOptions {
  const o = (options ?? {}) as RabbitMqTransportOptions & Record<string, unknown>;
  if (typeof o !== 'object') throw new InvalidRabbitMqTransportOptionsError(['options must be an object such as { url }']);
  const problems: string[] = [];
  for (const key of Object.keys(o)) if (!KNOWN.includes(key)) problems.push(unknownOptionProblem(key, KNOWN));
  const url = urlProblem(o.url);
  if (url) problems.push(url);
  for (const problem of [nameProblem('exchange', o.exchange, false), nameProblem('queuePrefix', o.queuePrefix, true)])
    if (problem) problems.push(problem);
  if (o.queueType !== undefined && o.queueType !== 'quorum' && o.queueType !== 'classic')
    problems.push(`queueType must be "quorum" or "classic"; got ${JSON.stringify(o.queueType)}`);
  const integers = [
    'deliveryLimit',
    'prefetch',
    'concurrency',
    'publishTimeoutMs',
    'connectTimeoutMs',
    'operationTimeoutMs',
    'redeliveryDelayMs',
    'maxRedeliveryDelayMs',
    'reconnectDelayMs',
    'maxReconnectDelayMs',
    'heartbeatSeconds',
    'maxDeadLetters',
  ] as const;
  for (const key of integers)
    if (o[key] !== undefined && !positiveInt(o[key]))
      problems.push(`${key} must be an integer of at least 1; got ${JSON.stringify(o[key])}`);
  if (positiveInt(o.prefetch) && o.prefetch > 65_535) problems.push(`prefetch must be at most 65535 (the AMQP limit); got ${o.prefetch}`);
  const prefetch = o.prefetch ?? DEFAULTS.prefetch;
  if (positiveInt(o.concurrency) && positiveInt(prefetch) && o.concurrency > prefetch)
    problems.push(`concurrency (${o.concurrency}) must be at most prefetch (${prefetch}): raise prefetch or lower concurrency`);
  if (positiveInt(o.redeliveryDelayMs) && positiveInt(o.maxRedeliveryDelayMs) && o.redeliveryDelayMs > o.maxRedeliveryDelayMs)
    problems.push(`redeliveryDelayMs (${o.redeliveryDelayMs}) must be at most maxRedeliveryDelayMs (${o.maxRedeliveryDelayMs})`);
  if (o.noDelay !== undefined && typeof o.noDelay !== 'boolean')
    problems.push(`noDelay must be a boolean; got ${JSON.stringify(o.noDelay)}`);
  if (o.connectionName !== undefined && typeof o.connectionName !== 'string') problems.push('connectionName must be a string');
  if (o.logger !== undefined && (o.logger === null || typeof (o.logger as LoggerService).error !== 'function'))
    problems.push('logger must be a Nest LoggerService (with log, warn and error)');
  if (problems.length > 0) throw new InvalidRabbitMqTransportOptionsError(problems);
  const concurrency = o.concurrency ?? Math.min(DEFAULTS.concurrency, prefetch);
  return { ...DEFAULTS, ...definedOnly(o), concurrency, url: o.url } as ResolvedRabbitMqTransportOptions;
}

function definedOnly(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
