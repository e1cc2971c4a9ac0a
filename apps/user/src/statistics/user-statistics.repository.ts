import type { DailyMetric, StatisticsChange, StatisticsCounter } from './user-statistics.aggregation.js';

/** Injection token of the {@link UserStatisticsRepository}. */
export const USER_STATISTICS_REPOSITORY = Symbol('USER_STATISTICS_REPOSITORY');

/**
 * Counters and per-day figures. `apply` is keyed by event id and atomic (one transaction, or one Redis
 * MULTI with a SETNX on the id), so a redelivered event is never counted twice and a half-applied one never exists.
 */
export interface UserStatisticsRepository {
  /** Applies every change of one event. Resolves `false`, changing nothing, if this event id was applied before. */
  apply(eventId: string, changes: readonly StatisticsChange[]): Promise<boolean>;
  /** The value of a running total, 0 if never incremented. */
  counter(name: StatisticsCounter): Promise<number>;
  /** The figure of each day, in the order given, 0 for days without data. */
  daily(metric: DailyMetric, days: readonly string[]): Promise<number[]>;
}
