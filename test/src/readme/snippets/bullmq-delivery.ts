// README "BullMQ delivery": EventsBullMqModule under BullModule.forRoot, whose connection and prefix it reuses.
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { webNovelCatalog, webNovelUpcasters } from '@webnovel/contracts';
import { EventsModule } from '@webnovel/events';
import { BullMqDelivery, EventsBullMqModule } from '@webnovel/events-bullmq';

// #region module
@Module({
  imports: [
    // @nestjs/bullmq; EventsBullMqModule reuses its connection and prefix unless given its own
    BullModule.forRoot({ connection: { host: '127.0.0.1', port: 6379 }, prefix: 'user-service' }),
    EventsModule.forRootAsync({
      imports: [
        EventsBullMqModule.forRoot({ queueName: 'user-service.events', concurrency: 20, handlers: { 'Mailer.send': { concurrency: 5 } } }),
      ],
      inject: [BullMqDelivery],
      useFactory: (delivery: BullMqDelivery) => ({
        source: 'user-service',
        catalog: webNovelCatalog,
        upcasters: webNovelUpcasters,
        delivery,
      }),
    }),
  ],
})
export class AppModule {}
// #endregion
