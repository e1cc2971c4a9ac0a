import { Module, type DynamicModule } from '@nestjs/common';
import { webNovelCatalog, webNovelUpcasters } from '@webnovel/contracts';
import { EventsModule } from '@webnovel/events';
import { EventsAdminModule } from '@webnovel/events-admin';
import { BullMqDelivery } from '@webnovel/events-bullmq';
import { EventsMetricsModule } from '@webnovel/events-prometheus';
import { EventsHealthModule } from '@webnovel/events-terminus';
import { transportOptionsFor } from '@webnovel/service-kit';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { UserServiceConfig } from './app.config.js';
import { loggingParams } from './observability/logging.js';
import { UsersModule } from './users/users.module.js';

/** What tests may replace. */
export interface AppModuleOverrides {
  /** Where pino writes its JSON lines. @default stdout */
  readonly logDestination?: DestinationStream;
}

/**
 * The user service: the platform's event catalog on a global bus (in process, or shared with the other services
 * through RabbitMQ), the user feature, the events admin API, pino logs, Prometheus metrics at `/metrics` and health at
 * `/health`.
 */
@Module({})
export class AppModule {
  static forRoot(config: UserServiceConfig, overrides: AppModuleOverrides = {}): DynamicModule {
    const delivery = config.redisUrl
      ? new BullMqDelivery({ connection: { url: config.redisUrl }, queueName: config.queueName })
      : undefined;
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot(loggingParams(config.logLevel, overrides.logDestination)),
        // Handlers take the latest version of each type (user.registered v2); the upcasters bring older events up to it.
        // With EVENTS_TRANSPORT=rabbitmq or hybrid, events reach the other services through RabbitMQ.
        EventsModule.forRoot({
          source: 'user-service',
          catalog: webNovelCatalog,
          upcasters: webNovelUpcasters,
          delivery,
          transport: transportOptionsFor(config.transport),
        }),
        // Fails closed: without keys no admin route is mounted, and a warning says so.
        EventsAdminModule.forRoot(config.adminKeys ? { apiKeys: config.adminKeys } : {}),
        // GET /metrics: the bus's metrics and the process's, in this application's own registry.
        EventsMetricsModule.forRoot({ defaultLabels: { service: 'user-service' } }),
        // GET /health (readiness: bus, Redis, store) and /health/live; public on purpose, it reveals only up/down.
        EventsHealthModule.forRoot(),
        UsersModule,
      ],
    };
  }
}
