import { Injectable } from '@nestjs/common';
import type { AchievementRepository, Award } from './achievement.repository.js';
import { EMPTY_PROGRESS, type UserProgress } from './achievement.rules.js';

interface UserRecord {
  progress: UserProgress;
  readonly seenEvents: Set<string>;
  readonly awards: Map<string, Award>;
}

/** The default {@link AchievementRepository}: one record per user in memory, lost on restart. */
@Injectable()
export class InMemoryAchievementRepository implements AchievementRepository {
  private readonly users = new Map<string, UserRecord>();

  async recordProgress(userId: string, eventId: string, update: (current: UserProgress) => UserProgress): Promise<UserProgress> {
    const record = this.record(userId);
    if (!record.seenEvents.has(eventId)) {
      record.progress = update(record.progress);
      record.seenEvents.add(eventId);
    }
    return record.progress;
  }

  async award(award: Award): Promise<boolean> {
    const { awards } = this.record(award.userId);
    if (awards.has(award.code)) return false;
    awards.set(award.code, Object.freeze({ ...award }));
    return true;
  }

  async findByUser(userId: string): Promise<Award[]> {
    return [...(this.users.get(userId)?.awards.values() ?? [])];
  }

  async markNotified(userId: string, code: string): Promise<void> {
    const awards = this.users.get(userId)?.awards;
    const award = awards?.get(code);
    if (awards && award && !award.notified) awards.set(code, Object.freeze({ ...award, notified: true }));
  }

  private record(userId: string): UserRecord {
    let record = this.users.get(userId);
    if (record === undefined) {
      record = { progress: EMPTY_PROGRESS, seenEvents: new Set(), awards: new Map() };
      this.users.set(userId, record);
    }
    return record;
  }
}
