import type { UserDeletedEvent, UserLoggedInEvent, UserRegisteredEvent } from '@webnovel/contracts';
import { utcDay } from '../common/utc-day.util.js';

/** Running totals. */
export type StatisticsCounter = 'users_registered' | 'users_deleted';

/** Per-UTC-day figures: `registrations` counts events, `active_users` counts distinct members. */
export type DailyMetric = 'registrations' | 'active_users';

/** One effect of one event on the statistics, applied by the repository. */
export type StatisticsChange =
  | { readonly kind: 'increment'; readonly counter: StatisticsCounter }
  | { readonly kind: 'daily-increment'; readonly metric: 'registrations'; readonly day: string }
  | { readonly kind: 'daily-member'; readonly metric: 'active_users'; readonly day: string; readonly member: string };

/** Registrations of one UTC day. */
export interface DayCount {
  readonly date: string;
  readonly count: number;
}

/** Registrations over a window of days compared with the window just before it. */
export interface GrowthTrend {
  readonly series: readonly DayCount[];
  readonly total: number;
  readonly previousTotal: number;
  /** `(total - previousTotal) / previousTotal`, or `null` when the previous window had none. */
  readonly changeRatio: number | null;
}

const DAY_MS = 86_400_000;

/** The events the statistics count. */
export type CountedUserEvent = UserRegisteredEvent | UserLoggedInEvent | UserDeletedEvent;

/** The changes `event` makes. Days are the UTC day the fact happened, not the day it was processed. */
export function statisticsChanges(event: CountedUserEvent): StatisticsChange[] {
  const day = utcDay(event.occurredAt);
  switch (event.type) {
    case 'user.registered':
      return [
        { kind: 'increment', counter: 'users_registered' },
        { kind: 'daily-increment', metric: 'registrations', day },
      ];
    case 'user.logged_in':
      return [{ kind: 'daily-member', metric: 'active_users', day, member: event.data.user_id }];
    case 'user.deleted':
      return [{ kind: 'increment', counter: 'users_deleted' }];
  }
}

/**
 * The `days` UTC days ending with `today`, oldest first, and the same number of days before them.
 * @throws RangeError unless `days` is a positive integer
 */
export function trendWindows(today: Date, days: number): { current: string[]; previous: string[] } {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`days must be a positive integer (got ${days})`);
  const end = Date.parse(utcDay(today));
  const all = Array.from({ length: 2 * days }, (_, i) => utcDay(new Date(end - (2 * days - 1 - i) * DAY_MS)));
  return { previous: all.slice(0, days), current: all.slice(days) };
}

/** Totals a window of daily registrations and compares it with the previous window's total. */
export function growthTrend(series: readonly DayCount[], previousTotal: number): GrowthTrend {
  const total = series.reduce((sum, day) => sum + day.count, 0);
  return { series, total, previousTotal, changeRatio: previousTotal === 0 ? null : (total - previousTotal) / previousTotal };
}
