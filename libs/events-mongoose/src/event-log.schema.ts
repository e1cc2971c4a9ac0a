import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';
import type { DispatchStatus } from '@webnovel/events';
import { EVENTS_LOG_COLLECTION } from './events-mongoose.constants.js';

/** The dispatch states, in the order an event goes through them. */
export const DISPATCH_STATUSES: readonly DispatchStatus[] = ['pending', 'dispatched'];

/**
 * One event as the `events_log` collection stores it: the seed's document (snake_case fields, `_id` is the event id),
 * with the envelope fields the seed lacked (`version`, `correlation_id`, `causation_id`, `metadata`) and its
 * `processed` flag made explicit as `dispatch_status` plus `dispatched_at`.
 */
@Schema({
  collection: EVENTS_LOG_COLLECTION,
  // Events are immutable facts: no optimistic-concurrency counter, no Mongoose timestamps (created_at is ours).
  versionKey: false,
  timestamps: false,
  // Without it Mongoose drops `{}` payloads and metadata, and the event read back would differ from the one appended.
  minimize: false,
  id: false,
})
export class EventLogRecord {
  /** The event id, a UUIDv7 string, so the primary key already sorts by creation time. */
  @Prop({ type: String, required: true })
  _id: string;

  /** `DomainEvent.type`. */
  @Prop({ type: String, required: true })
  event_type: string;

  /** `DomainEvent.version`, the schema version of `event_data`. */
  @Prop({ type: Number, required: true, min: 1 })
  version: number;

  /** `DomainEvent.correlationId`. */
  @Prop({ type: String, required: true })
  correlation_id: string;

  /** `DomainEvent.causationId`; `null` for a root event. @default null */
  @Prop({ type: String, default: null })
  causation_id: string | null;

  /** `DomainEvent.data`, stored as is. */
  @Prop({ type: MongooseSchema.Types.Mixed })
  event_data: unknown;

  /** `DomainEvent.metadata`. Mixed rather than a Mongoose Map, which would reject header names containing dots. @default {} */
  @Prop({ type: MongooseSchema.Types.Mixed, default: () => ({}) })
  metadata: Record<string, string>;

  /** `DomainEvent.occurredAt`, the seed's `timestamp`. */
  @Prop({ type: Date, required: true })
  timestamp: Date;

  /** `DomainEvent.source`; may be empty, so not `required` (Mongoose rejects empty required strings). @default '' */
  @Prop({ type: String, default: '' })
  source: string;

  /** Where the event is in its dispatch. @default 'pending' */
  @Prop({ type: String, required: true, enum: DISPATCH_STATUSES, default: 'pending' })
  dispatch_status: DispatchStatus;

  /** When it was marked dispatched. @default null */
  @Prop({ type: Date, default: null })
  dispatched_at: Date | null;

  /** When the store appended it (`StoredEvent.storedAt`). */
  @Prop({ type: Date, required: true })
  created_at: Date;

  /** When retention removes it, or `null` to keep it; the TTL index ignores `null`. @default null */
  @Prop({ type: Date, default: null })
  expires_at: Date | null;
}

/**
 * The Mongoose schema of `events_log`, with its indexes:
 *
 * - `{ event_type: 1, timestamp: -1 }` and `{ source: 1, timestamp: -1 }`: the seed's lookups by type and by source;
 * - `{ expires_at: 1 }` with `expireAfterSeconds: 0`: the seed's TTL index, so MongoDB deletes an event once its
 *   `expires_at` has passed (the TTL monitor runs about once a minute) and ignores events whose `expires_at` is null;
 * - `{ timestamp: 1, _id: 1 }`: the log's total order, so keyset pages and replay read an index range and never sort;
 * - `{ created_at: 1 }` over pending events only: the outbox relay's scan, which stays as small as the backlog
 *   because dispatched events leave the index.
 *
 * Mongoose builds them when `autoIndex` is on (its default); in production prefer `autoIndex: false` and run
 * `model.syncIndexes()` from a deploy step.
 */
export const EventLogSchema = SchemaFactory.createForClass(EventLogRecord);

EventLogSchema.index({ event_type: 1, timestamp: -1 });
EventLogSchema.index({ source: 1, timestamp: -1 });
EventLogSchema.index({ expires_at: 1 }, { expireAfterSeconds: 0 });
EventLogSchema.index({ timestamp: 1, _id: 1 });
EventLogSchema.index({ created_at: 1 }, { partialFilterExpression: { dispatch_status: 'pending' } });
