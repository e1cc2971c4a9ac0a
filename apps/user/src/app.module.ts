import { Module, type DynamicModule } from '@nestjs/common';
import { webNovelCatalog } from '@webnovel/contracts';
import { EventsModule } from '@webnovel/events';
import { EventsAdminModule } from '@webnovel/events-admin';
import { BullMqDelivery } from '@webnovel/events-bullmq';
import type { UserServiceConfig } from './app.config.js';
import { UsersModule } from './users/users.module.js';

/** The user service: the platform's event catalog on a global bus, the user feature, and the events admin API. */
@Module({})
export class AppModule {
  static forRoot(config: UserServiceConfig): DynamicModule {
    const delivery = config.redisUrl
      ? new BullMqDelivery({ connection: { url: config.redisUrl }, queueName: config.queueName })
      : undefined;
    return {
      module: AppModule,
      imports: [
        EventsModule.forRoot({ source: 'user-service', catalog: webNovelCatalog, delivery }),
        // Fails closed: without keys no admin route is mounted, and a warning says so.
        EventsAdminModule.forRoot(config.adminKeys ? { apiKeys: config.adminKeys } : {}),
        UsersModule,
      ],
    };
  }
}
