import type { UserProgress } from './achievement.rules.js';

/** Injection token of the {@link AchievementRepository}. */
export const ACHIEVEMENT_REPOSITORY = Symbol('ACHIEVEMENT_REPOSITORY');

/** An achievement a user holds. */
export interface Award {
  readonly userId: string;
  readonly code: string;
  readonly title: string;
  readonly description: string;
  /** When the event that earned it happened. */
  readonly awardedAt: Date;
  /** Chosen once at award time, so every (re)sent notification of this award carries the same id. */
  readonly notificationId: string;
  /** The event that earned it, and its flow: the notification is published as its consequence. */
  readonly causationId: string;
  readonly correlationId: string;
  /** Whether the user has been notified. */
  readonly notified: boolean;
}

/**
 * Progress per user and the achievements awarded. Implementations make each method atomic (a transaction
 * or a conditional write); the handler relies on it to award once and notify at least once.
 */
export interface AchievementRepository {
  /**
   * Folds one event into the user's progress with `update` and returns the new progress. For an event id
   * seen before, returns the current progress unchanged, so a redelivery does not count twice.
   */
  recordProgress(userId: string, eventId: string, update: (current: UserProgress) => UserProgress): Promise<UserProgress>;
  /** Stores the award unless the user already holds `award.code`. Resolves whether it was new. */
  award(award: Award): Promise<boolean>;
  /** The user's achievements, oldest first. */
  findByUser(userId: string): Promise<Award[]>;
  /** Marks the user's award `code` as notified. */
  markNotified(userId: string, code: string): Promise<void>;
}
