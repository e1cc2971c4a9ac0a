import {
  InvalidEventEnvelopeError,
  InvalidEventQueryError,
  type AppendOptions,
  type DomainEvent,
  type EventCatalog,
  type EventCursor,
  type EventFilter,
  type EventPage,
  type EventStore,
  type PageRequest,
  type ReplayOptions,
  type RetentionOptions,
  type StoredEvent,
  type Violation,
} from '@webnovel/events';
import { expiresAtFor, MAX_PAGE_LIMIT, queryProblems } from '@webnovel/events/internal';
import type { AnyBulkWriteOperation, ClientSession, Error as MongooseError, InsertManyOptions, Model, QueryFilter } from 'mongoose';
import { InvalidMongoTransactionError } from './errors/invalid-mongo-transaction.error.js';
import { MongoConnectionNotOpenError } from './errors/mongo-connection-not-open.error.js';
import { InvalidMongooseEventStoreOptionsError } from './errors/invalid-mongoose-event-store-options.error.js';
import type { EventLogRecord } from './event-log.schema.js';
import { ENVELOPE_FIELD_OF_PATH, toEventRecord, toStoredEvent } from './event-record.mapper.js';
import { DEFAULT_REPLAY_BATCH_SIZE } from './events-mongoose.constants.js';
import {
  connectionStateName,
  describeValue,
  foreignSchemaProblem,
  invalidDateProblem,
  invalidLimitProblem,
  notAModelProblem,
} from './events-mongoose.messages.js';
import {
  toCleanupFilter,
  toExpiredFilter,
  toMarkDispatched,
  toMongoFilter,
  toMongoSort,
  toUndispatchedFilter,
  UNDISPATCHED_SORT,
} from './mongo-query.js';
import { isDuplicateKeyOnlyError } from './write-errors.js';
import { mongooseEventStoreOptionsProblems, type MongooseEventStoreOptions } from './mongoose-event-store.options.js';

/** The Mongoose model the store works on: one built from `EventLogSchema`. */
export type EventLogModel = Model<EventLogRecord>;

/** Paths a model must have to be an `events_log` model; checked once, at construction. */
const REQUIRED_PATHS = [...Object.keys(ENVELOPE_FIELD_OF_PATH), 'dispatch_status', 'dispatched_at', 'created_at', 'expires_at'];

const isValidDate = (value: unknown): value is Date => value instanceof Date && !Number.isNaN(value.getTime());

/**
 * The durable event log on MongoDB, through Mongoose: the seed's `events_log` collection and indexes.
 *
 * Build it from a model registered with `EventLogSchema`, usually through `MongooseEventStoreModule.forFeature()`
 * or `MongooseModule.forFeature([{ name: EVENT_LOG_MODEL, schema: EventLogSchema }])` plus
 * `getModelToken(EVENT_LOG_MODEL)`. The store never owns the connection: whoever created it (usually
 * `MongooseModule.forRoot`) closes it, so `close()` does nothing.
 *
 * Ordering is `(timestamp, _id)` with MongoDB's binary string comparison, which matches `compareEventPosition` for
 * the ASCII ids the bus generates (UUIDv7). Reads use the primary by default; pass a model bound to a connection
 * with another read preference if you accept stale pages.
 */
export class MongooseEventStore implements EventStore {
  private readonly retention: RetentionOptions | undefined;
  private catalog: EventCatalog | undefined;

  /**
   * @throws InvalidMongooseEventStoreOptionsError when `model` is not an `events_log` model or `retention` is invalid
   */
  constructor(
    /** The model the store reads and writes; exposed for `syncIndexes()` and administration. */
    readonly model: EventLogModel,
    options: MongooseEventStoreOptions = {},
  ) {
    const problems = [...modelProblems(model), ...mongooseEventStoreOptionsProblems(options)];
    if (problems.length > 0) throw new InvalidMongooseEventStoreOptionsError(problems);
    this.retention = options.retention;
    this.catalog = options.catalog;
  }

  /** Revives payloads read back through `catalog`, unless the constructor was given one. `EventsModule` calls it. */
  bindCatalog(catalog: EventCatalog): void {
    this.catalog ??= catalog;
  }

  async append(event: DomainEvent, options?: AppendOptions): Promise<void> {
    await this.appendMany([event], options);
  }

  /**
   * Appends `events` in one round trip, as `pending` unless `status` says otherwise. An id already stored keeps its
   * first copy. Without a `transaction` it is one unordered `insertMany` whose duplicate-key errors are ignored; with
   * one, it is one bulk of `$setOnInsert` upserts instead, because inside a MongoDB transaction any write error,
   * duplicate keys included, aborts the caller's whole transaction.
   *
   * @throws InvalidEventEnvelopeError when an event does not fit the schema (nothing is appended)
   * @throws InvalidMongoTransactionError when `transaction` is not a ClientSession in a transaction (nothing is appended)
   */
  async appendMany(events: readonly DomainEvent[], options: AppendOptions = {}): Promise<void> {
    const session = sessionOf(options.transaction);
    if (events.length === 0) return;
    const storedAt = new Date();
    const status = options.status ?? 'pending';
    const records = events.map((event) => toEventRecord(event, storedAt, status, expiresAtFor(this.retention, event.type, storedAt)));
    await this.validate(records);
    if (session) await this.upsert(records, session);
    else await this.insert(records);
  }

  async getById(id: string): Promise<StoredEvent | null> {
    // A non-string id (an operator object from a parsed request, say) must not turn into a query.
    if (typeof id !== 'string') return null;
    const record = await this.model.findOne({ _id: id }).lean<EventLogRecord>().exec();
    return record ? toStoredEvent(record, this.catalog) : null;
  }

  /** @throws InvalidEventQueryError when the filter or page is invalid (nothing is queried) */
  async find(filter: EventFilter, page: PageRequest): Promise<EventPage> {
    const problems = queryProblems(filter, page);
    if (problems.length > 0) throw new InvalidEventQueryError(problems);
    let query = this.model.find(toMongoFilter(filter, page.after) as QueryFilter<EventLogRecord>).sort(toMongoSort());
    if (page.offset) query = query.skip(page.offset);
    const records = await query.limit(page.limit).lean<EventLogRecord[]>().exec();
    const events = records.map((record) => toStoredEvent(record, this.catalog));
    const last = events[events.length - 1];
    return { events, nextCursor: events.length === page.limit && last ? { occurredAt: last.event.occurredAt, id: last.event.id } : null };
  }

  /**
   * Streams matching events in order, a keyset page of `batchSize` at a time. Keyset pages rather than one server
   * cursor: a slow handler would let an idle cursor time out on the server (10 minutes by default), while each page
   * is a fresh, index-bounded query that costs the same at any depth.
   *
   * @throws InvalidEventQueryError when the filter or `batchSize` is invalid (no handler is called)
   */
  async replay(filter: EventFilter, handler: (stored: StoredEvent) => Promise<void> | void, options: ReplayOptions = {}): Promise<number> {
    const batchSize = options.batchSize ?? DEFAULT_REPLAY_BATCH_SIZE;
    let after: EventCursor | undefined;
    let count = 0;
    for (;;) {
      if (options.signal?.aborted) return count;
      const page = await this.find(filter, after ? { limit: batchSize, after } : { limit: batchSize });
      for (const stored of page.events) {
        if (options.signal?.aborted) return count;
        await handler(stored);
        count++;
      }
      if (!page.nextCursor) return count;
      after = page.nextCursor;
    }
  }

  /** @throws InvalidEventQueryError when `before` or `types` is invalid (nothing is deleted) */
  async cleanup(before: Date, filter: Pick<EventFilter, 'types'> = {}): Promise<number> {
    const problems = queryProblems({ types: filter.types, to: before });
    if (problems.length > 0) throw new InvalidEventQueryError(problems);
    const result = await this.model.deleteMany(toCleanupFilter(before, filter) as QueryFilter<EventLogRecord>).exec();
    return result.deletedCount;
  }

  /**
   * Deletes events whose `expires_at` is at or before `now`. The TTL index does the same on its own about once a
   * minute, so this is for callers that need expired events gone at a known moment (tests, compliance jobs).
   *
   * @throws InvalidEventQueryError when `now` is not a valid Date
   */
  async removeExpired(now: Date = new Date()): Promise<number> {
    if (!isValidDate(now)) throw new InvalidEventQueryError([invalidDateProblem('now')]);
    const result = await this.model.deleteMany(toExpiredFilter(now)).exec();
    return result.deletedCount;
  }

  /** Marks pending events dispatched; unknown and already dispatched ids are left alone. */
  async markDispatched(ids: readonly string[], at: Date = new Date()): Promise<void> {
    if (!isValidDate(at)) throw new InvalidEventQueryError([invalidDateProblem('at')]);
    if (ids.length === 0) return;
    const { filter, update } = toMarkDispatched(ids, at);
    await this.model.updateMany(filter, update).exec();
  }

  /**
   * Pending events stored before `olderThan`, oldest first, at most `limit`.
   *
   * @throws InvalidEventQueryError when `olderThan` is not a valid Date or `limit` is out of range (MongoDB would read
   *   `limit: 0` as no limit at all)
   */
  async findUndispatched(olderThan: Date, limit: number): Promise<StoredEvent[]> {
    const problems: string[] = [];
    if (!isValidDate(olderThan)) problems.push(invalidDateProblem('olderThan'));
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_LIMIT) problems.push(invalidLimitProblem(MAX_PAGE_LIMIT));
    if (problems.length > 0) throw new InvalidEventQueryError(problems);
    const records = await this.model
      .find(toUndispatchedFilter(olderThan))
      .sort(UNDISPATCHED_SORT)
      .limit(limit)
      .lean<EventLogRecord[]>()
      .exec();
    return records.map((record) => toStoredEvent(record, this.catalog));
  }

  /**
   * Pings the model's MongoDB server (`db.admin().ping()`), for health checks. Rejects at once while the connection is
   * not open; otherwise the driver waits for a reachable server up to its server selection timeout (30 s by default),
   * so the health check's own timeout usually decides first.
   *
   * @throws MongoConnectionNotOpenError when the connection is not open; nothing was sent
   */
  async ping(): Promise<void> {
    const connection = this.model.db;
    const db = connection.readyState === 1 ? connection.db : undefined;
    if (db === undefined) throw new MongoConnectionNotOpenError(connectionStateName(connection.readyState));
    await db.admin().ping();
  }

  /** Does nothing: the connection belongs to whoever created the model (usually `MongooseModule`), which closes it. */
  async close(): Promise<void> {}

  /**
   * Checks every record against the schema before anything is written, so a bad event cannot leave half a batch
   * stored. Hydrating a document is only for validation; the plain record is what gets inserted.
   */
  private async validate(records: readonly EventLogRecord[]): Promise<void> {
    const failures = await Promise.all(records.map((record) => new this.model(record).validate().then(noFailure, asValidationFailure)));
    const violations: Violation[] = [];
    failures.forEach((failure, index) => {
      const prefix = records.length > 1 ? `events[${index}].` : '';
      for (const [path, error] of Object.entries(failure?.errors ?? {})) {
        violations.push({ path: `${prefix}${ENVELOPE_FIELD_OF_PATH[path] ?? path}`, constraint: error.kind, message: error.message });
      }
    });
    if (violations.length > 0) throw new InvalidEventEnvelopeError(violations);
  }

  private async insert(records: EventLogRecord[]): Promise<void> {
    // lean: the records are validated above, and skipping hydration keeps appends cheap. ignoreUndefined: drop
    // undefined payload fields as JSON does, instead of storing them as null, so every store returns the same event.
    const options: InsertManyOptions & { ignoreUndefined: boolean } = { ordered: false, lean: true, ignoreUndefined: true };
    try {
      await this.model.insertMany(records, options);
    } catch (error) {
      if (!isDuplicateKeyOnlyError(error)) throw error;
    }
  }

  private async upsert(records: readonly EventLogRecord[], session: ClientSession): Promise<void> {
    const operations = records.map(({ _id, ...fields }): AnyBulkWriteOperation<EventLogRecord> => ({
      updateOne: { filter: { _id }, update: { $setOnInsert: fields }, upsert: true },
    }));
    await this.model.bulkWrite(operations, { session, ordered: true, ignoreUndefined: true });
  }
}

const noFailure = (): undefined => undefined;

/**
 * A Mongoose validation error becomes the failure to report; any other error is rethrown as is. Matched by name, not
 * instanceof, because the model may come from the app's own copy of mongoose.
 */
function asValidationFailure(error: unknown): Pick<MongooseError.ValidationError, 'errors'> {
  if (error instanceof Error && error.name === 'ValidationError' && 'errors' in error) return error as MongooseError.ValidationError;
  throw error;
}

/** The ClientSession of `transaction`, or `undefined` for none. */
function sessionOf(transaction: unknown): ClientSession | undefined {
  if (transaction === undefined || transaction === null) return undefined;
  const session = transaction as Partial<ClientSession>;
  // Duck-typed: the app's mongodb driver may be another copy than this package's, so instanceof could lie.
  if (typeof session.inTransaction !== 'function' || !session.inTransaction()) throw new InvalidMongoTransactionError(transaction);
  return transaction as ClientSession;
}

function modelProblems(model: unknown): string[] {
  const m = model as { insertMany?: unknown; schema?: { path?: unknown } } | null | undefined;
  if (typeof model !== 'function' || typeof m?.insertMany !== 'function' || typeof m.schema?.path !== 'function') {
    return [notAModelProblem(describeValue(model))];
  }
  const schema = (model as EventLogModel).schema;
  const missing = REQUIRED_PATHS.filter((path) => schema.path(path) === undefined);
  if (schema.path('_id')?.instance !== 'String') missing.unshift('a String _id');
  return missing.length > 0 ? [foreignSchemaProblem(missing)] : [];
}
