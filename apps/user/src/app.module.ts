import { Module } from '@nestjs/common';
import { webNovelCatalog } from '@webnovel/contracts';
import { EventsModule } from '@webnovel/events';
import { UsersModule } from './users/users.module.js';

/** The user service: the platform's event catalog on a global bus, and the user feature. */
@Module({
  imports: [EventsModule.forRoot({ source: 'user-service', catalog: webNovelCatalog }), UsersModule],
})
export class AppModule {}
