/** Injection token of the {@link ActivityLogRepository}. */
export const ACTIVITY_LOG_REPOSITORY = Symbol('ACTIVITY_LOG_REPOSITORY');

/** One user event, as the activity log keeps it. */
export interface ActivityEntry {
  readonly eventId: string;
  readonly type: string;
  readonly userId: string;
  readonly occurredAt: Date;
  /** Links the entry to the request (and every event) of the same business flow. */
  readonly correlationId: string;
}

/** The per-user activity log. */
export interface ActivityLogRepository {
  /** Stores an entry. Resolves `false`, changing nothing, when an entry with this event id exists (a redelivery). */
  append(entry: ActivityEntry): Promise<boolean>;
  /** A user's entries, newest first by `occurredAt`, at most `limit` of them. */
  findByUser(userId: string, limit: number): Promise<ActivityEntry[]>;
}
