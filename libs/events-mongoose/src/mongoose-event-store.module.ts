import { Module, type DynamicModule } from '@nestjs/common';
import { getModelToken, MongooseModule } from '@nestjs/mongoose';
import type { RetentionOptions } from '@webnovel/events';
import { EventLogSchema } from './event-log.schema.js';
import { EVENT_LOG_MODEL } from './events-mongoose.constants.js';
import { MongooseEventStore, type EventLogModel } from './mongoose.event-store.js';

/** Options of `MongooseEventStoreModule.forFeature`. */
export interface MongooseEventStoreModuleOptions {
  /** The `MongooseModule.forRoot` connection to use. @default the default connection */
  readonly connectionName?: string;
  /** Collection of the log. @default 'events_log' */
  readonly collection?: string;
  /** Passed to the store. @default keep every event until `cleanup` */
  readonly retention?: RetentionOptions;
}

/**
 * Registers the `events_log` model on a `MongooseModule` connection and provides a `MongooseEventStore` over it
 * (injected by its class). Feed it to the events module:
 *
 * ```ts
 * imports: [
 *   MongooseModule.forRoot(process.env.MONGODB_URI),
 *   EventsModule.forRootAsync({
 *     imports: [MongooseEventStoreModule.forFeature({ retention: { defaultMs: 90 * 86_400_000 } })],
 *     inject: [MongooseEventStore],
 *     useFactory: (store: MongooseEventStore) => ({ source: 'user-service', store }),
 *   }),
 * ]
 * ```
 *
 * The connection stays `MongooseModule`'s: it closes it at shutdown, and the store's `close()` leaves it alone.
 * Without this module, register `{ name: EVENT_LOG_MODEL, schema: EventLogSchema }` with `MongooseModule.forFeature`
 * yourself, inject `getModelToken(EVENT_LOG_MODEL)` and call `new MongooseEventStore(model, { retention })`.
 */
@Module({})
export class MongooseEventStoreModule {
  static forFeature(options: MongooseEventStoreModuleOptions = {}): DynamicModule {
    const models = MongooseModule.forFeature(
      [{ name: EVENT_LOG_MODEL, schema: EventLogSchema, ...(options.collection ? { collection: options.collection } : {}) }],
      options.connectionName,
    );
    return {
      module: MongooseEventStoreModule,
      imports: [models],
      providers: [
        {
          provide: MongooseEventStore,
          useFactory: (model: EventLogModel) => new MongooseEventStore(model, { retention: options.retention }),
          inject: [getModelToken(EVENT_LOG_MODEL, options.connectionName)],
        },
      ],
      exports: [MongooseEventStore, models],
    };
  }
}
