import type { ConfigurableModuleAsyncOptions } from '@nestjs/common';
import {
  ASYNC_OPTION_KEYS,
  isOptionsRecord,
  normalizeRoutePath,
  optionsNotObjectProblem,
  unknownAsyncOptionProblem,
  unknownOptionProblem,
} from '@webnovel/events/internal';
import type { OpenMetricsContentType, Registry } from 'prom-client';
import {
  DEFAULT_DURATION_BUCKETS,
  DEFAULT_METRICS_PATH,
  DEFAULT_SCRAPE_TIMEOUT_MS,
  MAX_METRICS_PATH_LENGTH,
  MAX_SCRAPE_TIMEOUT_MS,
} from './events-metrics.constants.js';
import { EVENTS_METRIC_LABELS } from './events-metric.names.js';
import {
  booleanProblem,
  bucketsOrderProblem,
  bucketsTypeProblem,
  bucketValueProblem,
  defaultLabelsTypeProblem,
  extraFromFactoryProblem,
  labelClashProblem,
  labelNameProblem,
  labelValueProblem,
  pathProblem,
  registryProblem,
  scrapeTimeoutProblem,
} from './events-metrics.messages.js';
import { InvalidEventsMetricsOptionsError } from './errors/invalid-events-metrics-options.error.js';

/** A prom-client registry, with the Prometheus text format (the default) or OpenMetrics. */
export type MetricsRegistry = Registry | Registry<OpenMetricsContentType>;

/** What the metrics are collected into, and how. This is what a `forRootAsync` factory returns. */
export interface EventsMetricsOptions {
  /**
   * The registry to collect into, for an application that already has one (and serves it, with `serve: false`).
   * It must not hold the events metrics yet: each application needs a registry of its own.
   * @default a new `Registry` per application, so two applications in one process never share series
   */
  registry?: MetricsRegistry;
  /**
   * Also collect prom-client's default process metrics (CPU, memory, event-loop lag, GC) into the registry. Skipped
   * when the registry already has them.
   * @default true
   */
  defaultMetrics?: boolean;
  /**
   * Upper bounds, in seconds, of the buckets of the publish, handler and store-append duration histograms; positive
   * and strictly increasing. prom-client adds `+Inf`.
   * @default DEFAULT_DURATION_BUCKETS: 50 µs up to 10 s
   */
  durationBuckets?: readonly number[];
  /**
   * How long a scrape waits for the delivery queue counts and the event store, in milliseconds. Past it, or when they
   * fail, their gauges are reported without samples and `events_metrics_scrape_errors_total` goes up; the scrape
   * itself still answers. Keep it well below the Prometheus `scrape_timeout`.
   * @default 1000
   */
  scrapeTimeoutMs?: number;
  /**
   * Labels added to every series of the registry, such as `{ service: 'user-service' }`, applied with
   * `registry.setDefaultLabels` (which replaces the registry's earlier default labels). They may not reuse a label
   * name of the events metrics.
   * @default no labels
   */
  defaultLabels?: Readonly<Record<string, string>>;
}

/**
 * How the module is assembled: given to `forRoot` with the other options, and to `forRootAsync` itself, because Nest
 * mounts routes and decides on global modules before async option factories run.
 */
export interface EventsMetricsModuleExtras {
  /** Route of the metrics endpoint, after any global prefix. @default '/metrics' */
  path?: string;
  /**
   * Mount the metrics endpoint. With `false` the metrics are still collected into the registry, for an application
   * that serves it itself (inject `EVENTS_METRICS_REGISTRY`).
   * @default true
   */
  serve?: boolean;
  /**
   * Make `EVENTS_METRICS_REGISTRY` injectable in every module, so the application can add its own metrics to the same
   * registry. The endpoint works either way.
   * @default true
   */
  isGlobal?: boolean;
}

/** Options of `EventsMetricsModule.forRoot`. */
export type EventsMetricsModuleOptions = EventsMetricsOptions & EventsMetricsModuleExtras;

/** A class that builds the options, for `forRootAsync({ useClass })` and `forRootAsync({ useExisting })`. */
export interface EventsMetricsOptionsFactory {
  createEventsMetricsOptions(): EventsMetricsOptions | Promise<EventsMetricsOptions>;
}

/** Options of `EventsMetricsModule.forRootAsync`: the extras here, the rest from `useFactory`, `useClass` or `useExisting`. */
export type EventsMetricsModuleAsyncOptions = ConfigurableModuleAsyncOptions<EventsMetricsOptions, 'createEventsMetricsOptions'> &
  EventsMetricsModuleExtras;

/** What the module was defined with, kept for validation at bootstrap. Internal. */
export type EventsMetricsSetup =
  | { readonly method: 'forRoot'; readonly given: unknown }
  | { readonly method: 'forRootAsync'; readonly extras: Readonly<Record<string, unknown>> };

/** The options after validation and defaults. Internal. */
export interface ResolvedEventsMetricsOptions {
  readonly registry: MetricsRegistry | undefined;
  readonly path: string;
  readonly serve: boolean;
  readonly defaultMetrics: boolean;
  readonly durationBuckets: readonly number[];
  readonly scrapeTimeoutMs: number;
  readonly defaultLabels: Readonly<Record<string, string>>;
}

const FACTORY_OPTIONS = ['registry', 'defaultMetrics', 'durationBuckets', 'scrapeTimeoutMs', 'defaultLabels'] as const;
const EXTRAS = ['path', 'serve', 'isGlobal'] as const;
const MODULE_OPTIONS = [...FACTORY_OPTIONS, ...EXTRAS] as const;

// Prometheus label names; "__" is reserved for Prometheus's own.
const LABEL_NAME = /^(?!__)[a-zA-Z_][a-zA-Z0-9_]*$/;

/** The route with one leading slash and none trailing, or undefined when `path` is not a usable route. */
export function normalizeMetricsPath(path: unknown): string | undefined {
  if (path === undefined) return DEFAULT_METRICS_PATH;
  const route = normalizeRoutePath(path, MAX_METRICS_PATH_LENGTH);
  return route === undefined ? undefined : `/${route}`;
}

/** Every problem of `forRoot` options (extras included), so one error names them all. */
export function eventsMetricsOptionsProblems(options: unknown): string[] {
  if (!isOptionsRecord(options)) return [optionsNotObjectProblem(options)];
  const problems = unknownKeys(options, MODULE_OPTIONS).map((name) => unknownOptionProblem(name, MODULE_OPTIONS));
  return [...problems, ...extrasProblems(options), ...factoryOptionProblems(options)];
}

/** Every problem of `forRootAsync`: its own extras, then what the factory returned. */
export function eventsMetricsAsyncOptionsProblems(extras: Readonly<Record<string, unknown>>, options: unknown): string[] {
  const known = [...EXTRAS, ...ASYNC_OPTION_KEYS];
  const problems = unknownKeys(extras, EXTRAS).map((name) => unknownAsyncOptionProblem(name, known));
  problems.push(...extrasProblems(extras));
  if (!isOptionsRecord(options)) return [...problems, optionsNotObjectProblem(options)];
  for (const name of unknownKeys(options, FACTORY_OPTIONS)) {
    problems.push(
      (EXTRAS as readonly string[]).includes(name) ? extraFromFactoryProblem(name) : unknownOptionProblem(name, FACTORY_OPTIONS),
    );
  }
  return [...problems, ...factoryOptionProblems(options)];
}

/** Validates the options the module was defined with and applies the defaults. */
export function resolveEventsMetricsOptions(setup: EventsMetricsSetup, factoryOptions: unknown): ResolvedEventsMetricsOptions {
  const [options, extras, problems] =
    setup.method === 'forRoot'
      ? [setup.given, setup.given, eventsMetricsOptionsProblems(setup.given)]
      : [factoryOptions, setup.extras, eventsMetricsAsyncOptionsProblems(setup.extras, factoryOptions)];
  if (problems.length > 0) throw new InvalidEventsMetricsOptionsError(problems, `EventsMetricsModule.${setup.method}()`);
  const o = options as EventsMetricsOptions;
  const e = extras as EventsMetricsModuleExtras;
  return {
    registry: o.registry,
    path: normalizeMetricsPath(e.path)!,
    serve: e.serve ?? true,
    defaultMetrics: o.defaultMetrics ?? true,
    durationBuckets: Object.freeze([...(o.durationBuckets ?? DEFAULT_DURATION_BUCKETS)]),
    scrapeTimeoutMs: o.scrapeTimeoutMs ?? DEFAULT_SCRAPE_TIMEOUT_MS,
    defaultLabels: Object.freeze({ ...o.defaultLabels }),
  };
}

function extrasProblems(extras: Readonly<Record<string, unknown>>): string[] {
  const problems: string[] = [];
  if (normalizeMetricsPath(extras.path) === undefined) problems.push(pathProblem(extras.path, MAX_METRICS_PATH_LENGTH));
  for (const name of ['serve', 'isGlobal'] as const) {
    if (extras[name] !== undefined && typeof extras[name] !== 'boolean') problems.push(booleanProblem(name, extras[name]));
  }
  return problems;
}

function factoryOptionProblems(options: Readonly<Record<string, unknown>>): string[] {
  const problems: string[] = [];
  if (options.registry !== undefined && !isRegistry(options.registry)) problems.push(registryProblem(options.registry));
  if (options.defaultMetrics !== undefined && typeof options.defaultMetrics !== 'boolean')
    problems.push(booleanProblem('defaultMetrics', options.defaultMetrics));
  if (options.durationBuckets !== undefined) problems.push(...bucketProblems(options.durationBuckets));
  const timeout = options.scrapeTimeoutMs;
  if (timeout !== undefined && !(Number.isInteger(timeout) && (timeout as number) >= 1 && (timeout as number) <= MAX_SCRAPE_TIMEOUT_MS))
    problems.push(scrapeTimeoutProblem(timeout, MAX_SCRAPE_TIMEOUT_MS));
  if (options.defaultLabels !== undefined) problems.push(...labelProblems(options.defaultLabels));
  return problems;
}

function bucketProblems(buckets: unknown): string[] {
  if (!Array.isArray(buckets) || buckets.length === 0) return [bucketsTypeProblem(buckets)];
  const problems: string[] = [];
  buckets.forEach((value: unknown, i) => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return void problems.push(bucketValueProblem(i, value));
    const previous: unknown = buckets[i - 1];
    if (typeof previous === 'number' && Number.isFinite(previous) && previous > 0 && value <= previous)
      problems.push(bucketsOrderProblem(i, value, previous));
  });
  return problems;
}

function labelProblems(labels: unknown): string[] {
  if (!isOptionsRecord(labels)) return [defaultLabelsTypeProblem(labels)];
  const problems: string[] = [];
  for (const [name, value] of Object.entries(labels)) {
    if (!LABEL_NAME.test(name)) problems.push(labelNameProblem(name));
    else if ((EVENTS_METRIC_LABELS as readonly string[]).includes(name)) problems.push(labelClashProblem(name, EVENTS_METRIC_LABELS));
    if (typeof value !== 'string') problems.push(labelValueProblem(name, value));
  }
  return problems;
}

// Duck-typed rather than `instanceof`: an application may resolve its own copy of prom-client.
function isRegistry(value: unknown): value is MetricsRegistry {
  if (!isOptionsRecord(value)) return false;
  const methods = ['registerMetric', 'getSingleMetric', 'removeSingleMetric', 'setDefaultLabels', 'metrics'];
  return methods.every((m) => typeof value[m] === 'function') && typeof value.contentType === 'string';
}

// A misspelt option would otherwise silently fall back to its default.
function unknownKeys(options: Readonly<Record<string, unknown>>, known: readonly string[]): string[] {
  return Object.keys(options).filter((name) => !known.includes(name));
}
