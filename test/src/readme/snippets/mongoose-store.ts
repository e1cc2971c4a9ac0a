// README "MongoDB": the Mongoose store, its model registered by MongooseEventStoreModule.
import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { webNovelCatalog, webNovelUpcasters } from '@webnovel/contracts';
import { EventsModule } from '@webnovel/events';
import { MongooseEventStore, MongooseEventStoreModule } from '@webnovel/events-mongoose';

// #region module
const DAY = 24 * 60 * 60 * 1000;

@Module({
  imports: [
    MongooseModule.forRoot(process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/events'),
    EventsModule.forRootAsync({
      imports: [MongooseEventStoreModule.forFeature({ retention: { defaultMs: 90 * DAY, byType: { 'user.logged_in': 7 * DAY } } })],
      inject: [MongooseEventStore],
      useFactory: (store: MongooseEventStore) => ({ store, catalog: webNovelCatalog, upcasters: webNovelUpcasters }),
    }),
  ],
})
export class AppModule {}
// #endregion
