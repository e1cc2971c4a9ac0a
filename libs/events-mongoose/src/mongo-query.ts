import type { EventCursor, EventFilter } from '@webnovel/events';

// Pure builders of the Mongo filters and sorts the store sends, kept apart from the store so the exact queries are
// unit-tested without a server. Inputs are validated (queryProblems) before they get here, which also guarantees
// every value is a string or a Date and never an operator object smuggled in from a request.

/** A filter on `events_log` as `find`, `replay` and `cleanup` send it. */
export interface EventLogFilter {
  event_type?: { $in: string[] };
  source?: string;
  correlation_id?: string;
  timestamp?: { $gte?: Date; $lt?: Date };
  /** The keyset condition: strictly after the cursor in `(timestamp, _id)` order. */
  $or?: [{ timestamp: { $gt: Date } }, { timestamp: Date; _id: { $gt: string } }];
}

/** The log's total order, `(occurredAt, id)`, served by the `{ timestamp: 1, _id: 1 }` index. */
export const EVENT_ORDER_SORT = Object.freeze({ timestamp: 1, _id: 1 } as const);

/** The outbox relay's order: oldest stored first, then the log's order to break ties of the same millisecond. */
export const UNDISPATCHED_SORT = Object.freeze({ created_at: 1, timestamp: 1, _id: 1 } as const);

/**
 * Builds the filter selecting `filter`'s events, strictly after `after` when given. Every field of `filter` narrows;
 * an empty filter selects everything, and `types: []` selects nothing (`$in: []`), as in the other stores.
 */
export function toMongoFilter(filter: EventFilter, after?: EventCursor): EventLogFilter {
  const query: EventLogFilter = {};
  if (filter.types !== undefined) query.event_type = { $in: [...filter.types] };
  if (filter.source !== undefined) query.source = filter.source;
  if (filter.correlationId !== undefined) query.correlation_id = filter.correlationId;
  if (filter.from !== undefined || filter.to !== undefined) {
    query.timestamp = {};
    if (filter.from !== undefined) query.timestamp.$gte = filter.from;
    if (filter.to !== undefined) query.timestamp.$lt = filter.to;
  }
  if (after !== undefined) {
    query.$or = [{ timestamp: { $gt: after.occurredAt } }, { timestamp: after.occurredAt, _id: { $gt: after.id } }];
  }
  return query;
}

/** The sort of every ordered read of the log: `{ timestamp: 1, _id: 1 }`. */
export function toMongoSort(): typeof EVENT_ORDER_SORT {
  return EVENT_ORDER_SORT;
}

/** Events that occurred before `before`, optionally of some types only: what `cleanup` deletes. */
export function toCleanupFilter(before: Date, filter: Pick<EventFilter, 'types'> = {}): EventLogFilter {
  return toMongoFilter({ types: filter.types, to: before });
}

/** Events whose retention has run out by `now`: what `removeExpired` deletes, and what the TTL monitor deletes unasked. */
export function toExpiredFilter(now: Date): { expires_at: { $lte: Date } } {
  // `$lte` on a date never matches `null`, so events kept forever are never selected.
  return { expires_at: { $lte: now } };
}

/**
 * Pending events stored before `olderThan`. The `dispatch_status` equality is what lets MongoDB use the partial
 * `{ created_at: 1 }` index, whose filter is exactly that condition.
 */
export function toUndispatchedFilter(olderThan: Date): { dispatch_status: 'pending'; created_at: { $lt: Date } } {
  return { dispatch_status: 'pending', created_at: { $lt: olderThan } };
}

/** Marks pending events of `ids` dispatched; already dispatched ones keep their first `dispatched_at`. */
export function toMarkDispatched(
  ids: readonly string[],
  at: Date,
): {
  filter: { _id: { $in: string[] }; dispatch_status: 'pending' };
  update: { $set: { dispatch_status: 'dispatched'; dispatched_at: Date } };
} {
  return {
    filter: { _id: { $in: [...ids] }, dispatch_status: 'pending' },
    update: { $set: { dispatch_status: 'dispatched', dispatched_at: at } },
  };
}
