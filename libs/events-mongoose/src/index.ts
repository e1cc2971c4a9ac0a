// Public API of @webnovel/events-mongoose, the only package of this repository that imports mongoose.
export { MongooseEventStore, type EventLogModel } from './mongoose.event-store.js';
export type { MongooseEventStoreOptions } from './mongoose-event-store.options.js';
export { MongooseEventStoreModule, type MongooseEventStoreModuleOptions } from './mongoose-event-store.module.js';
export { EventLogRecord, EventLogSchema, DISPATCH_STATUSES } from './event-log.schema.js';
export { EVENT_LOG_MODEL, EVENTS_LOG_COLLECTION, DEFAULT_REPLAY_BATCH_SIZE } from './events-mongoose.constants.js';
export {
  toMongoFilter,
  toMongoSort,
  toCleanupFilter,
  toExpiredFilter,
  toUndispatchedFilter,
  toMarkDispatched,
  EVENT_ORDER_SORT,
  UNDISPATCHED_SORT,
  type EventLogFilter,
} from './mongo-query.js';
export { InvalidMongooseEventStoreOptionsError } from './errors/invalid-mongoose-event-store-options.error.js';
export { InvalidMongoTransactionError } from './errors/invalid-mongo-transaction.error.js';
export { MongoConnectionNotOpenError } from './errors/mongo-connection-not-open.error.js';
