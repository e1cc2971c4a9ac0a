import type { ConfigurableModuleAsyncOptions } from '@nestjs/common';
import { DEFAULT_HEALTH_TIMEOUT_MS } from '@webnovel/events';
import {
  ASYNC_OPTION_KEYS,
  isOptionsRecord,
  normalizeRoutePath,
  optionsNotObjectProblem,
  unknownAsyncOptionProblem,
  unknownOptionProblem,
} from '@webnovel/events/internal';
import { DEFAULT_HEALTH_PATH, MAX_HEALTH_PATH_LENGTH, MAX_HEALTH_TIMEOUT_MS } from './events-health.constants.js';
import {
  controllerProblem,
  isGlobalProblem,
  pathProblem,
  pathWithoutControllerProblem,
  routeOptionFromFactoryProblem,
  timeoutMsProblem,
} from './events-health.messages.js';
import { InvalidEventsHealthOptionsError } from './errors/invalid-events-health-options.error.js';

/** How the checks run. This is what a `forRootAsync` factory returns. */
export interface EventsHealthOptions {
  /**
   * Longest wait for each backend ping (the delivery driver's Redis, the event store) before that part counts as down.
   * The pings run in parallel, so a check takes at most this long; keep it below the probe's own timeout.
   * @default 1000
   */
  timeoutMs?: number;
}

/**
 * Whether and where the routes are mounted. Given to `forRoot` with the other options, and to `forRootAsync` itself,
 * because Nest mounts routes before async option factories run.
 */
export interface EventsHealthRouteOptions {
  /**
   * Route of the readiness check, after any global prefix; the liveness check is `<path>/live`.
   * @default 'health'
   */
  path?: string;
  /**
   * Mount `GET <path>` and `GET <path>/live`. `false` only provides `EventsHealthIndicator`, for a health controller
   * of your own.
   * @default true
   */
  controller?: boolean;
  /** Make `EventsHealthIndicator` injectable in every module. @default false */
  isGlobal?: boolean;
}

/** Options of `EventsHealthModule.forRoot`. */
export type EventsHealthModuleOptions = EventsHealthOptions & EventsHealthRouteOptions;

/** A class that builds the options, for `forRootAsync({ useClass })` and `forRootAsync({ useExisting })`. */
export interface EventsHealthOptionsFactory {
  createEventsHealthOptions(): EventsHealthOptions | Promise<EventsHealthOptions>;
}

/** Options of `EventsHealthModule.forRootAsync`: the route options here, `timeoutMs` from the factory. */
export type EventsHealthModuleAsyncOptions = ConfigurableModuleAsyncOptions<EventsHealthOptions, 'createEventsHealthOptions'> &
  EventsHealthRouteOptions;

/** What the module was defined with, kept for validation at bootstrap. Internal. */
export type EventsHealthSetup =
  | { readonly method: 'forRoot'; readonly given: unknown }
  | {
      readonly method: 'forRootAsync';
      readonly route: Readonly<Record<keyof EventsHealthRouteOptions, unknown>>;
      readonly extraKeys: readonly string[];
    };

/** The options after validation and defaults. Internal. */
export interface ResolvedEventsHealthOptions {
  /** Without leading or trailing slash. */
  readonly path: string;
  readonly controller: boolean;
  readonly timeoutMs: number;
}

const ROUTE_OPTIONS = ['path', 'controller', 'isGlobal'] as const;
const CHECK_OPTIONS = ['timeoutMs'] as const;
const MODULE_OPTIONS = [...ROUTE_OPTIONS, ...CHECK_OPTIONS] as const;

/** The route without leading or trailing slash, or undefined when `path` is not a usable route. */
export function normalizeHealthPath(path: unknown): string | undefined {
  return path === undefined ? DEFAULT_HEALTH_PATH : normalizeRoutePath(path, MAX_HEALTH_PATH_LENGTH);
}

/** Every problem of `forRoot` options, so one error names them all. */
export function eventsHealthOptionsProblems(options: unknown): string[] {
  if (options === undefined) return [];
  if (!isOptionsRecord(options)) return [optionsNotObjectProblem(options)];
  const problems = unknownKeys(options, MODULE_OPTIONS).map((name) => unknownOptionProblem(name, MODULE_OPTIONS));
  return [...problems, ...routeProblems(options), ...checkProblems(options)];
}

/** Every problem of `forRootAsync`: its own extras, then what the factory returned. */
export function eventsHealthAsyncOptionsProblems(
  route: Readonly<Record<string, unknown>>,
  extraKeys: readonly string[],
  options: unknown,
): string[] {
  const known: readonly string[] = [...ROUTE_OPTIONS, ...ASYNC_OPTION_KEYS];
  const problems = extraKeys.filter((k) => !known.includes(k)).map((name) => unknownAsyncOptionProblem(name, known));
  problems.push(...routeProblems(route));
  if (!isOptionsRecord(options)) return [...problems, optionsNotObjectProblem(options)];
  for (const name of unknownKeys(options, CHECK_OPTIONS)) {
    const routeOption = (ROUTE_OPTIONS as readonly string[]).includes(name);
    problems.push(routeOption ? routeOptionFromFactoryProblem(name) : unknownOptionProblem(name, CHECK_OPTIONS));
  }
  return [...problems, ...checkProblems(options)];
}

/**
 * Validates the options the module was defined with and applies the defaults.
 * @throws InvalidEventsHealthOptionsError naming every bad field
 */
export function resolveEventsHealthOptions(setup: EventsHealthSetup, factoryOptions: unknown): ResolvedEventsHealthOptions {
  const [options, route, problems] =
    setup.method === 'forRoot'
      ? [setup.given ?? {}, (setup.given ?? {}) as Record<string, unknown>, eventsHealthOptionsProblems(setup.given)]
      : [factoryOptions, setup.route, eventsHealthAsyncOptionsProblems(setup.route, setup.extraKeys, factoryOptions)];
  if (problems.length > 0) throw new InvalidEventsHealthOptionsError(problems, `EventsHealthModule.${setup.method}()`);
  return {
    path: normalizeHealthPath(route.path)!,
    controller: route.controller !== false,
    timeoutMs: (options as EventsHealthOptions).timeoutMs ?? DEFAULT_HEALTH_TIMEOUT_MS,
  };
}

function routeProblems(route: Readonly<Record<string, unknown>>): string[] {
  const problems: string[] = [];
  if (normalizeHealthPath(route.path) === undefined) problems.push(pathProblem(route.path, MAX_HEALTH_PATH_LENGTH));
  if (route.controller !== undefined && typeof route.controller !== 'boolean') problems.push(controllerProblem(route.controller));
  if (route.controller === false && route.path !== undefined) problems.push(pathWithoutControllerProblem());
  if (route.isGlobal !== undefined && typeof route.isGlobal !== 'boolean') problems.push(isGlobalProblem(route.isGlobal));
  return problems;
}

function checkProblems(options: Readonly<Record<string, unknown>>): string[] {
  const { timeoutMs } = options;
  const valid =
    timeoutMs === undefined ||
    (Number.isInteger(timeoutMs) && (timeoutMs as number) >= 1 && (timeoutMs as number) <= MAX_HEALTH_TIMEOUT_MS);
  return valid ? [] : [timeoutMsProblem(timeoutMs, MAX_HEALTH_TIMEOUT_MS, DEFAULT_HEALTH_TIMEOUT_MS)];
}

// A misspelt option would otherwise silently fall back to its default.
function unknownKeys(options: Readonly<Record<string, unknown>>, known: readonly string[]): string[] {
  return Object.keys(options).filter((name) => !known.includes(name));
}
