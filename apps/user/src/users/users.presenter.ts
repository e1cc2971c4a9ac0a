import type { Award } from '../achievements/achievement.repository.js';
import type { ActivityEntry } from '../activity-log/activity-log.repository.js';
import type { DayCount } from '../statistics/user-statistics.aggregation.js';
import type { UserStatistics } from '../statistics/user-statistics.service.js';

// The HTTP API speaks snake_case, like the event payloads it mirrors; internal models stay camelCase.

/** One activity-log entry as `GET /users/:id/activity` returns it. */
export interface ActivityView {
  readonly event_id: string;
  readonly type: string;
  readonly occurred_at: string;
  readonly correlation_id: string;
}

/** One achievement as `GET /users/:id/achievements` returns it. */
export interface AchievementView {
  readonly code: string;
  readonly title: string;
  readonly description: string;
  readonly awarded_at: string;
}

/** The body of `GET /users/stats`. */
export interface StatsView {
  readonly total_users: number;
  readonly active_users: number;
  readonly deleted_users: number;
  readonly daily_active_users: readonly DayCount[];
  readonly growth: {
    readonly registrations_per_day: readonly DayCount[];
    readonly total: number;
    readonly previous_total: number;
    readonly change_ratio: number | null;
  };
}

/** Maps an activity entry to its HTTP view. */
export function toActivityView(entry: ActivityEntry): ActivityView {
  return { event_id: entry.eventId, type: entry.type, occurred_at: entry.occurredAt.toISOString(), correlation_id: entry.correlationId };
}

/** Maps an award to its HTTP view; delivery bookkeeping stays internal. */
export function toAchievementView(award: Award): AchievementView {
  return { code: award.code, title: award.title, description: award.description, awarded_at: award.awardedAt.toISOString() };
}

/** Maps the statistics to their HTTP view. */
export function toStatsView(stats: UserStatistics): StatsView {
  return {
    total_users: stats.totalUsers,
    active_users: stats.activeUsers,
    deleted_users: stats.deletedUsers,
    daily_active_users: stats.dailyActiveUsers,
    growth: {
      registrations_per_day: stats.growth.series,
      total: stats.growth.total,
      previous_total: stats.growth.previousTotal,
      change_ratio: stats.growth.changeRatio,
    },
  };
}
