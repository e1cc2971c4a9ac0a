// libs/events-mongoose/README.md: the store through MongooseEventStoreModule, and built from a model registered by hand.
// Compiled only: MongooseModule.forRoot connects when the application starts.
// #region use
import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { EventsModule } from '@webnovel/events';
import { MongooseEventStore, MongooseEventStoreModule } from '@webnovel/events-mongoose';

@Module({
  imports: [
    MongooseModule.forRoot(process.env.MONGODB_URI!),
    EventsModule.forRootAsync({
      imports: [MongooseEventStoreModule.forFeature({ retention: { defaultMs: 90 * 86_400_000 } })],
      inject: [MongooseEventStore],
      useFactory: (store: MongooseEventStore) => ({ source: 'user-service', store }),
    }),
  ],
})
export class AppModule {}
// #endregion

import { getModelToken } from '@nestjs/mongoose';
import { EVENT_LOG_MODEL, EventLogSchema, type EventLogModel } from '@webnovel/events-mongoose';

// #region by-hand
export const EventsWithOwnModel = EventsModule.forRootAsync({
  imports: [MongooseModule.forFeature([{ name: EVENT_LOG_MODEL, schema: EventLogSchema }])],
  inject: [getModelToken(EVENT_LOG_MODEL)],
  useFactory: (model: EventLogModel) => ({ store: new MongooseEventStore(model, { retention: { defaultMs: 86_400_000 } }) }),
});
// #endregion
