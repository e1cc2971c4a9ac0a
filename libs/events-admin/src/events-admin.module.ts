import { Module, type CanActivate, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import { ModuleRef, RouterModule } from '@nestjs/core';
import { ASYNC_OPTION_KEYS, isOptionsRecord } from '@webnovel/events/internal';
import { DeadLettersController } from './controllers/dead-letters.controller.js';
import { MonitoringController } from './controllers/monitoring.controller.js';
import { QueuesController } from './controllers/queues.controller.js';
import { EventsAdminAnnouncer } from './events-admin.announcer.js';
import { EVENTS_ADMIN_CUSTOM_GUARD, EVENTS_ADMIN_SETUP, RESOLVED_EVENTS_ADMIN_OPTIONS } from './events-admin.constants.js';
import { EVENTS_ADMIN_MODULE_OPTIONS, EventsAdminConfigurableModule } from './events-admin.module-definition.js';
import {
  normalizeAdminPath,
  resolveEventsAdminOptions,
  type EventsAdminModuleAsyncOptions,
  type EventsAdminModuleOptions,
  type EventsAdminSetup,
  type ResolvedEventsAdminOptions,
} from './events-admin.options.js';
import { EventsAdminGuard } from './guards/events-admin.guard.js';

const PROVIDERS: Provider[] = [
  {
    provide: RESOLVED_EVENTS_ADMIN_OPTIONS,
    useFactory: (setup: EventsAdminSetup, options: unknown) => resolveEventsAdminOptions(setup, options),
    inject: [EVENTS_ADMIN_SETUP, EVENTS_ADMIN_MODULE_OPTIONS],
  },
  {
    // ModuleRef.create resolves the app's guard in this module's context whether its class is known when the module
    // is defined (forRoot) or only once the async factory ran (forRootAsync).
    provide: EVENTS_ADMIN_CUSTOM_GUARD,
    useFactory: (options: ResolvedEventsAdminOptions, moduleRef: ModuleRef): Promise<CanActivate> | null =>
      options.guard ? moduleRef.create<CanActivate>(options.guard as Type<CanActivate>) : null,
    inject: [RESOLVED_EVENTS_ADMIN_OPTIONS, ModuleRef],
  },
  EventsAdminGuard,
  EventsAdminAnnouncer,
];

/**
 * The opt-in admin HTTP API for dead letters and delivery queues, fail closed: without `apiKeys` or `guard`, no
 * route is reachable and a warning says how to enable it. Needs the `DeadLetters` service of a global `EventsModule`
 * (the default). Import it once per application.
 *
 * Routes, under `path` (default `admin/events`): `GET dead-letters`, `GET dead-letters/:id`,
 * `POST dead-letters/:id/reprocess`, `POST dead-letters/reprocess`, `DELETE dead-letters/:id`,
 * `POST dead-letters/purge`, `GET queues` and `GET monitoring/summary`.
 *
 * The prefix is applied with Nest's `RouterModule`, which records it per application, so two applications in one
 * process can mount the API under different prefixes.
 *
 * @example
 * ```ts
 * EventsAdminModule.forRoot({ apiKeys: [process.env.ADMIN_KEY!, process.env.ADMIN_KEY_NEXT!] })
 * EventsAdminModule.forRootAsync({
 *   path: 'ops/events',
 *   imports: [ConfigModule],
 *   inject: [ConfigService],
 *   useFactory: (config: ConfigService) => ({ apiKeys: config.getOrThrow<string>('ADMIN_KEYS').split(',') }),
 * })
 * ```
 */
@Module({})
export class EventsAdminModule extends EventsAdminConfigurableModule {
  /**
   * Options known now. With neither `apiKeys` nor `guard`, the controllers are not mounted at all.
   * @throws InvalidEventsAdminOptionsError at bootstrap, listing every problem of the options
   */
  static override forRoot(options: EventsAdminModuleOptions = {}): DynamicModule {
    const given: unknown = options;
    const base = super.forRoot(isOptionsRecord(given) ? options : {});
    const mount = isOptionsRecord(given) && (given.apiKeys !== undefined || given.guard !== undefined);
    return assemble(base, { method: 'forRoot', given }, isOptionsRecord(given) ? given.path : undefined, mount);
  }

  /**
   * Options from a factory, with `path` given here. Routes are mounted before the factory runs, so when it returns
   * neither `apiKeys` nor `guard`, every route answers 404, exactly as an unknown route does.
   * @throws InvalidEventsAdminOptionsError at bootstrap, listing every problem of the options
   */
  static override forRootAsync(options: EventsAdminModuleAsyncOptions): DynamicModule {
    const base = super.forRootAsync(options);
    const extraKeys = Object.keys(options).filter((key) => !(ASYNC_OPTION_KEYS as readonly string[]).includes(key));
    return assemble(base, { method: 'forRootAsync', path: options.path, extraKeys }, options.path, true);
  }
}

function assemble(base: DynamicModule, setup: EventsAdminSetup, path: unknown, mount: boolean): DynamicModule {
  const routePath = normalizeAdminPath(path);
  // An unusable path mounts nothing; the options provider then fails the bootstrap naming the problem.
  const routed = mount && routePath !== undefined;
  return {
    ...base,
    imports: [...(base.imports ?? []), ...(routed ? [RouterModule.register([{ path: routePath, module: EventsAdminModule }])] : [])],
    controllers: routed ? [DeadLettersController, QueuesController, MonitoringController] : [],
    providers: [...(base.providers ?? []), { provide: EVENTS_ADMIN_SETUP, useValue: setup }, ...PROVIDERS],
  };
}
