import { Injectable } from '@nestjs/common';
import type { ActivityEntry, ActivityLogRepository } from './activity-log.repository.js';

/** The default {@link ActivityLogRepository}: entries per user in memory, lost on restart. */
@Injectable()
export class InMemoryActivityLogRepository implements ActivityLogRepository {
  private readonly eventIds = new Set<string>();
  /** Each user's entries, kept sorted oldest first so appends in order (the usual case) cost nothing. */
  private readonly byUser = new Map<string, ActivityEntry[]>();

  async append(entry: ActivityEntry): Promise<boolean> {
    if (this.eventIds.has(entry.eventId)) return false;
    this.eventIds.add(entry.eventId);
    const entries = this.byUser.get(entry.userId) ?? [];
    // Async delivery may bring an older event after a newer one; insert it in place instead of re-sorting.
    let at = entries.length;
    while (at > 0 && isAfter(entries[at - 1], entry)) at--;
    entries.splice(at, 0, Object.freeze({ ...entry }));
    this.byUser.set(entry.userId, entries);
    return true;
  }

  async findByUser(userId: string, limit: number): Promise<ActivityEntry[]> {
    const entries = this.byUser.get(userId) ?? [];
    return entries.slice(-limit).reverse();
  }
}

// Event ids are UUIDv7, so they break ties between events of the same millisecond in creation order.
function isAfter(a: ActivityEntry, b: ActivityEntry): boolean {
  const byTime = a.occurredAt.getTime() - b.occurredAt.getTime();
  return byTime === 0 ? a.eventId > b.eventId : byTime > 0;
}
