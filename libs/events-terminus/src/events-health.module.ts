import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { RouterModule } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { ASYNC_OPTION_KEYS, isOptionsRecord } from '@webnovel/events/internal';
import { EventsHealthController } from './events-health.controller.js';
import { EVENTS_HEALTH_SETUP, RESOLVED_EVENTS_HEALTH_OPTIONS } from './events-health.constants.js';
import { EventsHealthIndicator } from './events-health.indicator.js';
import { EVENTS_HEALTH_MODULE_OPTIONS, EventsHealthConfigurableModule } from './events-health.module-definition.js';
import {
  normalizeHealthPath,
  resolveEventsHealthOptions,
  type EventsHealthModuleAsyncOptions,
  type EventsHealthModuleOptions,
  type EventsHealthSetup,
} from './events-health.options.js';

const PROVIDERS: Provider[] = [
  {
    provide: RESOLVED_EVENTS_HEALTH_OPTIONS,
    useFactory: (setup: EventsHealthSetup, options: unknown) => resolveEventsHealthOptions(setup, options),
    inject: [EVENTS_HEALTH_SETUP, EVENTS_HEALTH_MODULE_OPTIONS],
  },
  EventsHealthIndicator,
];

/**
 * Health checks of `@webnovel/events` on `@nestjs/terminus`. Needs the `EventsHealth` service of a global
 * `EventsModule` (the default). Import it once per application.
 *
 * Routes, unless `controller: false`:
 * - `GET <path>` (default `/health`), readiness: the bus is ready, the delivery driver's backend and the event store
 *   answer a ping within `timeoutMs`. 200 with `status: 'ok'`, or 503 with `status: 'error'` naming what is down.
 * - `GET <path>/live`, liveness: 200 while the process serves HTTP; checks nothing else.
 *
 * The routes are public on purpose, since orchestrators call them without credentials; they reveal only up or down,
 * class names and latencies. With a global auth guard, let `GET <path>` and `GET <path>/live` through, or set
 * `controller: false` and build your own controller on `EventsHealthIndicator`.
 *
 * @example
 * ```ts
 * EventsHealthModule.forRoot({ timeoutMs: 500 })
 * EventsHealthModule.forRootAsync({
 *   path: 'ops/health',
 *   inject: [ConfigService],
 *   useFactory: (config: ConfigService) => ({ timeoutMs: config.get<number>('HEALTH_TIMEOUT_MS') }),
 * })
 * ```
 */
@Module({})
export class EventsHealthModule extends EventsHealthConfigurableModule {
  /** @throws InvalidEventsHealthOptionsError at bootstrap, naming every bad field */
  static override forRoot(options: EventsHealthModuleOptions = {}): DynamicModule {
    const given: unknown = options;
    const route = isOptionsRecord(given) ? given : {};
    return assemble(super.forRoot(route as EventsHealthModuleOptions), { method: 'forRoot', given }, route.path, route.controller);
  }

  /**
   * `timeoutMs` from a factory; `path`, `controller` and `isGlobal` given here, because routes are mounted before the
   * factory runs.
   * @throws InvalidEventsHealthOptionsError at bootstrap, naming every bad field
   */
  static override forRootAsync(options: EventsHealthModuleAsyncOptions): DynamicModule {
    const extraKeys = Object.keys(options).filter((key) => !(ASYNC_OPTION_KEYS as readonly string[]).includes(key));
    const route = { path: options.path, controller: options.controller, isGlobal: options.isGlobal };
    return assemble(super.forRootAsync(options), { method: 'forRootAsync', route, extraKeys }, options.path, options.controller);
  }
}

function assemble(base: DynamicModule, setup: EventsHealthSetup, path: unknown, controller: unknown): DynamicModule {
  const routePath = normalizeHealthPath(path);
  // Bad route options mount nothing; the options provider then fails the bootstrap naming every problem.
  const mount = controller !== false && routePath !== undefined;
  return {
    ...base,
    imports: [
      ...(base.imports ?? []),
      TerminusModule,
      ...(mount ? [RouterModule.register([{ path: routePath, module: EventsHealthModule }])] : []),
    ],
    controllers: mount ? [EventsHealthController] : [],
    providers: [...(base.providers ?? []), { provide: EVENTS_HEALTH_SETUP, useValue: setup }, ...PROVIDERS],
    exports: [...(base.exports ?? []), EventsHealthIndicator],
  };
}
