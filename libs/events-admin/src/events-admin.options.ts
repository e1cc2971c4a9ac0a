import type { CanActivate, ConfigurableModuleAsyncOptions, Type } from '@nestjs/common';
import {
  ASYNC_OPTION_KEYS,
  isOptionsRecord,
  normalizeRoutePath,
  optionsNotObjectProblem,
  unknownAsyncOptionProblem,
  unknownOptionProblem,
} from '@webnovel/events/internal';
import {
  DEFAULT_API_KEY_HEADER,
  DEFAULT_EVENTS_ADMIN_PATH,
  MAX_EVENTS_ADMIN_PATH_LENGTH,
  MIN_API_KEY_LENGTH,
} from './events-admin.constants.js';
import {
  apiKeyCharactersProblem,
  apiKeyEmptyProblem,
  apiKeyHeaderProblem,
  apiKeyNotStringProblem,
  apiKeysEmptyListProblem,
  apiKeysTypeProblem,
  apiKeyTooShortProblem,
  guardAndApiKeysProblem,
  guardProblem,
  pathFromFactoryProblem,
  pathProblem,
} from './events-admin.messages.js';
import { InvalidEventsAdminOptionsError } from './errors/invalid-events-admin-options.error.js';

/**
 * How the admin API authenticates callers: set exactly one of `apiKeys` and `guard`. With neither, the API stays
 * closed (see `EventsAdminModule`). This is what a `forRootAsync` factory returns.
 */
export interface EventsAdminOptions {
  /**
   * Keys accepted in the `apiKeyHeader` header, each at least 16 characters. Several keys allow rotation: add the
   * new key, move clients over, then remove the old one. Keys are never logged.
   */
  apiKeys?: string | readonly string[];
  /** Header that carries the API key; matched case-insensitively. @default 'x-api-key' */
  apiKeyHeader?: string;
  /**
   * The application's own guard, used instead of API keys. It is instantiated through DI in the admin module, so its
   * dependencies must be global providers or, with `forRootAsync`, exported by a module listed in `imports`.
   * Returning false answers 403; throwing an HttpException answers with that exception.
   */
  guard?: Type<CanActivate>;
}

/** Where the routes are mounted. Given to `forRoot` with the other options, and to `forRootAsync` itself. */
export interface EventsAdminRouteOptions {
  /**
   * Route prefix of the admin API, after any global prefix. Known when the module is defined, because Nest mounts
   * routes before async option factories run.
   * @default 'admin/events'
   */
  path?: string;
}

/** Options of `EventsAdminModule.forRoot`. */
export type EventsAdminModuleOptions = EventsAdminOptions & EventsAdminRouteOptions;

/** A class that builds the options, for `forRootAsync({ useClass })` and `forRootAsync({ useExisting })`. */
export interface EventsAdminOptionsFactory {
  createEventsAdminOptions(): EventsAdminOptions | Promise<EventsAdminOptions>;
}

/** Options of `EventsAdminModule.forRootAsync`: `path` here, the rest from `useFactory`, `useClass` or `useExisting`. */
export type EventsAdminModuleAsyncOptions = ConfigurableModuleAsyncOptions<EventsAdminOptions, 'createEventsAdminOptions'> &
  EventsAdminRouteOptions;

/** What the module was defined with, kept for validation at bootstrap. Internal. */
export type EventsAdminSetup =
  | { readonly method: 'forRoot'; readonly given: unknown }
  | { readonly method: 'forRootAsync'; readonly path: unknown; readonly extraKeys: readonly string[] };

/** The options after validation and defaults. Internal. */
export interface ResolvedEventsAdminOptions {
  readonly method: 'forRoot' | 'forRootAsync';
  /** Without leading or trailing slash. */
  readonly path: string;
  readonly apiKeys: readonly string[];
  /** Lower case, as Node presents header names. */
  readonly apiKeyHeader: string;
  readonly guard: Type<CanActivate> | undefined;
}

const AUTH_OPTIONS = ['apiKeys', 'apiKeyHeader', 'guard'] as const;
const MODULE_OPTIONS = ['path', ...AUTH_OPTIONS] as const;

const HEADER_NAME = /^[A-Za-z0-9-]{1,100}$/;
// Printable ASCII with no space at either end: what survives an HTTP header unchanged.
const HEADER_SAFE_KEY = /^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$/;

/** The route prefix without leading or trailing slash, or undefined when `path` is not a usable prefix. */
export function normalizeAdminPath(path: unknown): string | undefined {
  return path === undefined ? DEFAULT_EVENTS_ADMIN_PATH : normalizeRoutePath(path, MAX_EVENTS_ADMIN_PATH_LENGTH);
}

/** Every problem of `forRoot` options (path included), so one error names them all. */
export function eventsAdminOptionsProblems(options: unknown): string[] {
  if (!isOptionsRecord(options)) return [optionsNotObjectProblem(options)];
  const problems = unknownKeys(options, MODULE_OPTIONS).map((name) => unknownOptionProblem(name, MODULE_OPTIONS));
  if (normalizeAdminPath(options.path) === undefined) problems.push(pathProblem(options.path, MAX_EVENTS_ADMIN_PATH_LENGTH));
  return [...problems, ...authProblems(options)];
}

/** Every problem of `forRootAsync`: its own extras, then what the factory returned. */
export function eventsAdminAsyncOptionsProblems(path: unknown, extraKeys: readonly string[], options: unknown): string[] {
  const known = ['path', ...ASYNC_OPTION_KEYS];
  const problems = extraKeys.filter((k) => k !== 'path').map((name) => unknownAsyncOptionProblem(name, known));
  if (normalizeAdminPath(path) === undefined) problems.push(pathProblem(path, MAX_EVENTS_ADMIN_PATH_LENGTH));
  if (!isOptionsRecord(options)) return [...problems, optionsNotObjectProblem(options)];
  for (const name of unknownKeys(options, AUTH_OPTIONS)) {
    problems.push(name === 'path' ? pathFromFactoryProblem() : unknownOptionProblem(name, AUTH_OPTIONS));
  }
  return [...problems, ...authProblems(options)];
}

/** Problems of `apiKeys` and `apiKeyHeader` alone; shared with the standalone `ApiKeyGuard`. */
export function apiKeyProblems(apiKeys: unknown, apiKeyHeader: unknown): string[] {
  const problems: string[] = [];
  if (typeof apiKeys === 'string') problems.push(...keyProblems('apiKeys', apiKeys));
  else if (Array.isArray(apiKeys)) {
    if (apiKeys.length === 0) problems.push(apiKeysEmptyListProblem());
    apiKeys.forEach((key: unknown, i) => {
      if (typeof key === 'string') problems.push(...keyProblems(`apiKeys[${i}]`, key));
      else problems.push(apiKeyNotStringProblem(`apiKeys[${i}]`, key));
    });
  } else if (apiKeys !== undefined) problems.push(apiKeysTypeProblem(apiKeys));
  if (apiKeyHeader !== undefined && !(typeof apiKeyHeader === 'string' && HEADER_NAME.test(apiKeyHeader))) {
    problems.push(apiKeyHeaderProblem(apiKeyHeader));
  }
  return problems;
}

/** Validates the options the module was defined with and applies the defaults. */
export function resolveEventsAdminOptions(setup: EventsAdminSetup, factoryOptions: unknown): ResolvedEventsAdminOptions {
  const [options, path, problems] =
    setup.method === 'forRoot'
      ? [setup.given, (setup.given as EventsAdminModuleOptions | undefined)?.path, eventsAdminOptionsProblems(setup.given)]
      : [factoryOptions, setup.path, eventsAdminAsyncOptionsProblems(setup.path, setup.extraKeys, factoryOptions)];
  if (problems.length > 0) throw new InvalidEventsAdminOptionsError(problems, `EventsAdminModule.${setup.method}()`);
  const o = options as EventsAdminOptions;
  return {
    method: setup.method,
    path: normalizeAdminPath(path)!,
    apiKeys: toKeyList(o.apiKeys),
    apiKeyHeader: (o.apiKeyHeader ?? DEFAULT_API_KEY_HEADER).toLowerCase(),
    guard: o.guard,
  };
}

/** `apiKeys` as a list; validated options only. */
export function toKeyList(apiKeys: string | readonly string[] | undefined): readonly string[] {
  if (apiKeys === undefined) return [];
  return typeof apiKeys === 'string' ? [apiKeys] : [...apiKeys];
}

/** Whether the options let anyone in; otherwise the API is closed. */
export function isAdminEnabled(options: ResolvedEventsAdminOptions): boolean {
  return options.guard !== undefined || options.apiKeys.length > 0;
}

function authProblems(options: Record<string, unknown>): string[] {
  const problems = apiKeyProblems(options.apiKeys, options.apiKeyHeader);
  const guard = options.guard;
  if (guard !== undefined && !(typeof guard === 'function' && typeof guard.prototype?.canActivate === 'function')) {
    problems.push(guardProblem(guard));
  }
  if (guard !== undefined && options.apiKeys !== undefined) problems.push(guardAndApiKeysProblem());
  return problems;
}

function keyProblems(label: string, key: string): string[] {
  if (key.length === 0) return [apiKeyEmptyProblem(label)];
  const problems: string[] = [];
  if (key.length < MIN_API_KEY_LENGTH) problems.push(apiKeyTooShortProblem(label, key.length, MIN_API_KEY_LENGTH));
  if (!HEADER_SAFE_KEY.test(key)) problems.push(apiKeyCharactersProblem(label));
  return problems;
}

// A misspelt option would otherwise silently fall back to its default, which for auth means a closed API.
function unknownKeys(options: Record<string, unknown>, known: readonly string[]): string[] {
  return Object.keys(options).filter((name) => !known.includes(name));
}
