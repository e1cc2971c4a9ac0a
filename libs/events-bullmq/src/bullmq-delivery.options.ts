import type { RedisOptions } from 'bullmq';
import { describeValue, didYouMean } from '@webnovel/events/internal';
import type { Redis } from 'ioredis';
import { InvalidBullMqDeliveryOptionsError } from './errors/invalid-bullmq-delivery-options.error.js';

/** Options of `BullMqDelivery`. */
export interface BullMqDeliveryOptions {
  /**
   * The Redis that holds the queues: ioredis options, optionally with a `url` such as `redis://host:6379/0` (each
   * queue and worker gets its own client, workers with `maxRetriesPerRequest: null` as BullMQ requires), or an
   * ioredis client to share.
   */
  connection: RedisOptions | Redis;
  /**
   * The first part of every Redis key the driver writes: its queues and dead-letter queues (`<prefix>:<queue>:...`,
   * BullMQ's prefix) and the inbox (`<prefix>:<queueName>:inbox:<pair id>`). Letters, digits, `.`, `_`, `-`, `:` and
   * `{}` (a Redis Cluster hash tag). `EventsBullMqModule` takes `BullModule.forRoot`'s prefix when this is not set.
   * @default 'bull'
   */
  prefix?: string;
  /**
   * The shared queue of async handlers. Give each service its own: a worker only runs handlers its application has.
   * @default 'domain-events'
   */
  queueName?: string;
  /** Jobs run at once by this process on the shared queue. @default 10 */
  concurrency?: number;
  /**
   * Handlers that get a queue of their own, `<queueName>.<handler>`, with their own concurrency, so a slow or busy
   * handler cannot hold up the others.
   */
  handlers?: Readonly<Record<string, { concurrency?: number }>>;
  /**
   * Remembers completed (event, handler) pairs in Redis with SET NX and a TTL, so a redelivered copy is skipped.
   * `false` turns it off. @default { ttlMs: 604800000 } (7 days)
   */
  inbox?: false | { ttlMs?: number };
  /** Run workers in this process; `false` makes a producer only. @default true */
  workers?: boolean;
  /** Most jobs per `addBulk`; concurrent publishes are coalesced up to this many. @default 500 */
  maxBatch?: number;
  /** A worker's lock on a running job; a job whose worker died is taken over after this. @default 30000 */
  lockDurationMs?: number;
  /** How often workers look for jobs whose lock expired. @default 30000 */
  stalledIntervalMs?: number;
  /**
   * Longest wait for Redis to answer an enqueue (and the admin reads); past it `publish` rejects with
   * `EventDeliveryUnavailableError`. Without it, a command sent just before Redis went away waits for its return.
   * @default 2000
   */
  commandTimeoutMs?: number;
}

export interface ResolvedBullMqDeliveryOptions {
  readonly connection: RedisOptions | Redis;
  readonly prefix: string;
  readonly queueName: string;
  readonly concurrency: number;
  readonly handlers: Readonly<Record<string, { concurrency: number }>>;
  readonly inboxTtlMs: number | undefined;
  readonly workers: boolean;
  readonly maxBatch: number;
  readonly lockDurationMs: number;
  readonly stalledIntervalMs: number;
  readonly commandTimeoutMs: number;
}

const KNOWN = new Set([
  'connection',
  'prefix',
  'queueName',
  'concurrency',
  'handlers',
  'inbox',
  'workers',
  'maxBatch',
  'lockDurationMs',
  'stalledIntervalMs',
  'commandTimeoutMs',
]);
// BullMQ forbids ':' in queue names; keep names to what also reads well in Redis keys.
const QUEUE_NAME = /^[A-Za-z0-9_.-]{1,100}$/;
// BullMQ allows any prefix; ':' namespaces it (`app:bull`) and braces make a Cluster hash tag (`{bull}`), both common.
const PREFIX = /^[A-Za-z0-9_.:{}-]{1,100}$/;
const HANDLER_NAME = /^[A-Za-z0-9_.-]{1,200}$/;
const positiveInt = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 1;

/** What is wrong with a key prefix, or undefined when it is a valid one; `option` names where it was given. */
export function prefixProblem(prefix: unknown, option = 'prefix'): string | undefined {
  if (typeof prefix === 'string' && PREFIX.test(prefix)) return undefined;
  return `${option} must be 1-100 letters, digits, ".", "_", "-", ":", "{" or "}", got ${describeValue(prefix)}`;
}

/** Every problem of the options, in the order of the options; empty when they are valid. */
export function bullMqDeliveryOptionsProblems(options: BullMqDeliveryOptions): string[] {
  const o = (options ?? {}) as BullMqDeliveryOptions & Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(o)) if (!KNOWN.has(key)) problems.push(`"${key}" is not a BullMqDelivery option${didYouMean(key, KNOWN)}`);
  if (o.connection === null || typeof o.connection !== 'object')
    problems.push('connection must be ioredis options, such as { host, port }');
  if (o.prefix !== undefined) {
    const problem = prefixProblem(o.prefix);
    if (problem !== undefined) problems.push(problem);
  }
  if (o.queueName !== undefined && !(typeof o.queueName === 'string' && QUEUE_NAME.test(o.queueName)))
    problems.push('queueName must be 1-100 letters, digits, ".", "_" or "-" (BullMQ forbids ":")');
  for (const key of ['concurrency', 'maxBatch', 'lockDurationMs', 'stalledIntervalMs', 'commandTimeoutMs'] as const)
    if (o[key] !== undefined && !positiveInt(o[key])) problems.push(`${key} must be an integer of at least 1`);
  if (o.workers !== undefined && typeof o.workers !== 'boolean') problems.push('workers must be a boolean');
  if (o.inbox !== undefined && o.inbox !== false) {
    if (o.inbox === null || typeof o.inbox !== 'object') problems.push('inbox must be false or { ttlMs }');
    else if (o.inbox.ttlMs !== undefined && !positiveInt(o.inbox.ttlMs)) problems.push('inbox.ttlMs must be an integer of at least 1');
  }
  if (o.handlers !== undefined) {
    if (o.handlers === null || typeof o.handlers !== 'object') problems.push('handlers must map handler names to { concurrency }');
    else
      for (const [name, value] of Object.entries(o.handlers)) {
        if (!HANDLER_NAME.test(name)) problems.push(`handlers["${name}"] is not a handler name (letters, digits, ".", "_" and "-")`);
        if (value?.concurrency !== undefined && !positiveInt(value.concurrency))
          problems.push(`handlers["${name}"].concurrency must be an integer of at least 1`);
      }
  }
  return problems;
}

/**
 * Validates the options and applies defaults.
 * @throws InvalidBullMqDeliveryOptionsError listing every problem
 */
export function resolveBullMqDeliveryOptions(options: BullMqDeliveryOptions): ResolvedBullMqDeliveryOptions {
  const problems = bullMqDeliveryOptionsProblems(options);
  if (problems.length > 0) throw new InvalidBullMqDeliveryOptionsError(problems);
  const o = options;
  const handlers: Record<string, { concurrency: number }> = {};
  for (const [name, value] of Object.entries(o.handlers ?? {})) handlers[name] = { concurrency: value?.concurrency ?? 1 };
  return {
    connection: o.connection,
    prefix: o.prefix ?? 'bull',
    queueName: o.queueName ?? 'domain-events',
    concurrency: o.concurrency ?? 10,
    handlers,
    inboxTtlMs: o.inbox === false ? undefined : (o.inbox?.ttlMs ?? 604_800_000),
    workers: o.workers ?? true,
    maxBatch: o.maxBatch ?? 500,
    lockDurationMs: o.lockDurationMs ?? 30_000,
    stalledIntervalMs: o.stalledIntervalMs ?? 30_000,
    commandTimeoutMs: o.commandTimeoutMs ?? 2000,
  };
}
