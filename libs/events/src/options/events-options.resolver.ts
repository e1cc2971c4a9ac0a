import { EventCatalog } from '../catalog/event-catalog.js';
import { DuplicateEventDefinitionError } from '../errors/duplicate-event-definition.error.js';
import { InvalidEventsModuleOptionsError } from '../errors/invalid-events-options.error.js';
import type { EventDelivery } from '../interfaces/event-delivery.interface.js';
import type { EventStore } from '../interfaces/event-store.interface.js';
import type { RecentEventCache } from '../interfaces/recent-event-cache.interface.js';
import { InMemoryEventStore } from '../store/in-memory.event-store.js';
import { retentionProblems } from '../store/retention.js';
import type { EventsModuleOptions } from '../interfaces/events-module-options.interface.js';
import type { HandlerMode } from '../interfaces/handler.interface.js';
import type { ResolvedRetryPolicyOptions } from '../retry/retry-policy.js';
import type { AnyEventUpcaster, EventUpcaster } from '../interfaces/upcaster.interface.js';
import { retryPolicyProblems } from './retry-policy-options.validator.js';
import { didYouMean } from './option-problems.js';
import { resolveTransportOptions, transportOptionProblems, type ResolvedTransportOptions } from './transport-options.validator.js';

/** The options with every default applied. */
export interface ResolvedEventsOptions {
  readonly source: string;
  readonly catalog: EventCatalog;
  readonly upcasters: readonly AnyEventUpcaster[];
  readonly unknownEvents: 'reject' | 'allow';
  readonly validatePayloads: boolean;
  readonly defaultMode: HandlerMode;
  readonly retry: ResolvedRetryPolicyOptions;
  readonly logHandlers: boolean;
  readonly delivery: EventDelivery | undefined;
  readonly syncFailures: 'throw' | 'retry';
  readonly shutdownTimeoutMs: number;
  readonly readyTimeoutMs: number;
  readonly store: EventStore | undefined;
  readonly recentCache: RecentEventCache | undefined;
  readonly transport: ResolvedTransportOptions | undefined;
  readonly retentionSweepMs: number;
  readonly outbox: Readonly<{ enabled: boolean; intervalMs: number; graceMs: number; batchSize: number }>;
  readonly tracing: boolean;
  readonly eventLogLevel: 'debug' | 'verbose' | 'log' | false;
  readonly summaryWindowMinutes: number;
}

/** The longest window the monitoring summary can keep: one day of one-minute buckets. */
export const MAX_SUMMARY_WINDOW_MINUTES = 1440;

const DELIVERY_METHODS = ['start', 'deliver', 'retry', 'close', 'counts'];

const STORE_METHODS = [
  'append',
  'appendMany',
  'getById',
  'find',
  'replay',
  'cleanup',
  'removeExpired',
  'markDispatched',
  'findUndispatched',
  'close',
];

/** @default retry policy: 5 attempts, 1 s doubling to at most 60 s, full jitter. */
export const DEFAULT_RETRY_POLICY = Object.freeze({
  maxAttempts: 5,
  initialDelayMs: 1000,
  multiplier: 2,
  maxDelayMs: 60_000,
  jitter: 'full' as const,
});

const KNOWN_KEYS = new Set<keyof EventsModuleOptions>([
  'source',
  'catalog',
  'unknownEvents',
  'validatePayloads',
  'defaultMode',
  'retry',
  'logHandlers',
  'delivery',
  'syncFailures',
  'shutdownTimeoutMs',
  'readyTimeoutMs',
  'store',
  'retention',
  'recentCache',
  'transport',
  'outbox',
  'retentionSweepMs',
  'upcasters',
  'tracing',
  'eventLogLevel',
  'summaryWindowMinutes',
]);

const OUTBOX_KEYS = ['enabled', 'intervalMs', 'graceMs', 'batchSize'];

const oneOf = (value: unknown, allowed: readonly string[], path: string): string[] =>
  value === undefined || allowed.includes(value as string)
    ? []
    : [`${path} must be one of ${allowed.map((a) => `'${a}'`).join(', ')} (got ${JSON.stringify(value)})`];

/**
 * Validates the options and applies defaults.
 * @throws InvalidEventsModuleOptionsError listing every problem
 */
export function resolveEventsOptions(options: EventsModuleOptions | undefined): ResolvedEventsOptions {
  const o = (options ?? {}) as EventsModuleOptions & Record<string, unknown>;
  const problems: string[] = [];
  if (typeof o !== 'object') throw new InvalidEventsModuleOptionsError(['options must be an object']);
  for (const key of Object.keys(o))
    if (!KNOWN_KEYS.has(key as keyof EventsModuleOptions))
      problems.push(`"${key}" is not an EventsModule option${didYouMean(key, KNOWN_KEYS)}`);
  if (o.source !== undefined && (typeof o.source !== 'string' || o.source.trim() === ''))
    problems.push('source must be a non-empty string');
  problems.push(...oneOf(o.unknownEvents, ['reject', 'allow'], 'unknownEvents'));
  problems.push(...oneOf(o.defaultMode, ['sync', 'async'], 'defaultMode'));
  problems.push(...oneOf(o.syncFailures, ['throw', 'retry'], 'syncFailures'));
  if (o.validatePayloads !== undefined && typeof o.validatePayloads !== 'boolean') problems.push('validatePayloads must be a boolean');
  if (o.logHandlers !== undefined && typeof o.logHandlers !== 'boolean') problems.push('logHandlers must be a boolean');
  if (o.tracing !== undefined && typeof o.tracing !== 'boolean') problems.push('tracing must be a boolean');
  if (o.eventLogLevel !== undefined && o.eventLogLevel !== false && !['debug', 'verbose', 'log'].includes(o.eventLogLevel as string))
    problems.push(`eventLogLevel must be 'debug', 'verbose', 'log' or false (got ${JSON.stringify(o.eventLogLevel)})`);
  const minutes = o.summaryWindowMinutes;
  if (minutes !== undefined && !(Number.isInteger(minutes) && minutes >= 0 && minutes <= MAX_SUMMARY_WINDOW_MINUTES))
    problems.push(`summaryWindowMinutes must be an integer from 0 to ${MAX_SUMMARY_WINDOW_MINUTES} (0 turns the statistics off)`);
  if (o.shutdownTimeoutMs !== undefined && !(Number.isInteger(o.shutdownTimeoutMs) && o.shutdownTimeoutMs >= 0)) {
    problems.push('shutdownTimeoutMs must be an integer of at least 0');
  }
  if (o.readyTimeoutMs !== undefined && !(Number.isInteger(o.readyTimeoutMs) && o.readyTimeoutMs >= 1 && o.readyTimeoutMs <= 2_147_483_647))
    problems.push(`readyTimeoutMs must be an integer of milliseconds from 1 to 2147483647 (got ${JSON.stringify(o.readyTimeoutMs)})`);
  problems.push(...retryPolicyProblems(o.retry, 'retry'));
  const delivery = o.delivery as unknown as Record<string, unknown> | undefined;
  if (
    delivery !== undefined &&
    !(DELIVERY_METHODS.every((m) => typeof delivery?.[m] === 'function') && typeof delivery?.deadLetters === 'object')
  ) {
    problems.push(`delivery must implement EventDelivery (${DELIVERY_METHODS.join(', ')} and deadLetters)`);
  }
  problems.push(...storeProblems(o));
  problems.push(...transportOptionProblems(o.transport));
  const catalog = resolveCatalog(o.catalog, problems);
  problems.push(...upcasterProblems(o.upcasters, catalog));
  if (problems.length > 0) throw new InvalidEventsModuleOptionsError(problems);
  return {
    source: o.source ?? 'app',
    catalog: catalog ?? new EventCatalog([]),
    upcasters: o.upcasters ?? [],
    unknownEvents: o.unknownEvents ?? 'reject',
    validatePayloads: o.validatePayloads ?? true,
    defaultMode: o.defaultMode ?? 'sync',
    retry: { ...DEFAULT_RETRY_POLICY, ...o.retry },
    logHandlers: o.logHandlers ?? true,
    delivery: o.delivery,
    syncFailures: o.syncFailures ?? 'throw',
    shutdownTimeoutMs: o.shutdownTimeoutMs ?? 10_000,
    readyTimeoutMs: o.readyTimeoutMs ?? 30_000,
    store: o.store === 'memory' ? new InMemoryEventStore({ retention: o.retention }) : o.store,
    recentCache: o.recentCache,
    transport: resolveTransportOptions(o.transport),
    retentionSweepMs: o.retentionSweepMs ?? 60_000,
    outbox: { enabled: true, intervalMs: 5000, graceMs: 30_000, batchSize: 100, ...o.outbox },
    tracing: o.tracing ?? true,
    eventLogLevel: o.eventLogLevel ?? 'debug',
    summaryWindowMinutes: o.summaryWindowMinutes ?? 60,
  };
}

function storeProblems(o: EventsModuleOptions): string[] {
  const problems: string[] = [];
  const store = o.store as unknown as Record<string, unknown> | string | undefined;
  if (
    store !== undefined &&
    store !== 'memory' &&
    !(typeof store === 'object' && store !== null && STORE_METHODS.every((m) => typeof store[m] === 'function'))
  ) {
    problems.push(`store must be 'memory' or an EventStore (with ${STORE_METHODS.join(', ')})`);
  }
  if (o.retention !== undefined && o.store !== 'memory')
    problems.push("retention applies to store: 'memory' only; pass retention to your store adapter instead");
  problems.push(...retentionProblems(o.retention, 'retention'));
  if (o.retentionSweepMs !== undefined && !(Number.isInteger(o.retentionSweepMs) && o.retentionSweepMs >= 0)) {
    problems.push('retentionSweepMs must be an integer of at least 0 (0 turns the sweep off)');
  }
  const cache = o.recentCache as unknown as Record<string, unknown> | undefined;
  if (
    cache !== undefined &&
    !(typeof cache === 'object' && cache !== null && ['add', 'recent', 'close'].every((m) => typeof cache[m] === 'function'))
  ) {
    problems.push('recentCache must implement RecentEventCache (add, recent and close)');
  }
  const outbox = o.outbox as Record<string, unknown> | undefined;
  if (outbox !== undefined) {
    if (outbox === null || typeof outbox !== 'object') problems.push('outbox must be an object');
    else {
      if (outbox.enabled !== undefined && typeof outbox.enabled !== 'boolean') problems.push('outbox.enabled must be a boolean');
      for (const key of ['intervalMs', 'graceMs', 'batchSize'] as const) {
        const v = outbox[key];
        const min = key === 'graceMs' ? 0 : 1;
        if (v !== undefined && !(Number.isInteger(v) && (v as number) >= min))
          problems.push(`outbox.${key} must be an integer of at least ${min}`);
      }
      for (const key of Object.keys(outbox))
        if (!OUTBOX_KEYS.includes(key)) problems.push(`outbox.${key} is not an outbox option${didYouMean(key, OUTBOX_KEYS)}`);
    }
  }
  return problems;
}

function resolveCatalog(catalog: unknown, problems: string[]): EventCatalog | undefined {
  if (catalog === undefined || catalog instanceof EventCatalog) return catalog;
  if (!Array.isArray(catalog)) {
    problems.push('catalog must be an EventCatalog or an array of event definitions');
    return undefined;
  }
  const before = problems.length;
  catalog.forEach((d: Record<string, unknown> | null, i) => {
    if (d === null || typeof d !== 'object') return void problems.push(`catalog[${i}] must be an event definition`);
    if (typeof d.type !== 'string' || d.type === '') problems.push(`catalog[${i}].type must be a non-empty string`);
    if (!Number.isInteger(d.version) || (d.version as number) < 1) problems.push(`catalog[${i}].version must be an integer of at least 1`);
    if (typeof d.payload !== 'function') problems.push(`catalog[${i}].payload must be a class`);
  });
  if (problems.length > before) return undefined;
  try {
    return new EventCatalog(catalog);
  } catch (error) {
    if (!(error instanceof DuplicateEventDefinitionError)) throw error;
    problems.push(error.message);
    return undefined;
  }
}

/** Each upcaster must be well formed, join two versions the catalog registers, and be the only one of its step. */
function upcasterProblems(upcasters: unknown, catalog: EventCatalog | undefined): string[] {
  if (upcasters === undefined) return [];
  if (!Array.isArray(upcasters)) return ['upcasters must be an array of upcasters made with defineUpcaster'];
  const problems: string[] = [];
  const seen = new Set<string>();
  upcasters.forEach((u: Partial<EventUpcaster> | null, i) => {
    const at = `upcasters[${i}]`;
    if (u === null || typeof u !== 'object' || typeof u.upcast !== 'function' || typeof u.type !== 'string')
      return void problems.push(`${at} must be an upcaster made with defineUpcaster`);
    const { type, fromVersion: from, toVersion: to } = u;
    if (!Number.isInteger(from) || (from as number) < 1 || to !== (from as number) + 1)
      return void problems.push(`${at} ("${type}") must go from a version n to n + 1, got v${from} to v${to}`);
    const step = `"${type}" v${from}→v${to}`;
    if (seen.has(step)) problems.push(`${at}: ${step} is given twice; keep one upcaster per step`);
    seen.add(step);
    if (catalog === undefined) return;
    const missing = [from, to].filter((v) => catalog.get(type, v as number) === undefined);
    if (missing.length > 0)
      problems.push(`${at}: ${step} joins ${missing.map((v) => `v${v}`).join(' and ')}, which the catalog does not register`);
  });
  return problems;
}
