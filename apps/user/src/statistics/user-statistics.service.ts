import { Inject, Injectable } from '@nestjs/common';
import { growthTrend, trendWindows, type DayCount, type GrowthTrend } from './user-statistics.aggregation.js';
import { USER_STATISTICS_REPOSITORY, type UserStatisticsRepository } from './user-statistics.repository.js';

/** The figures `GET /users/stats` reports. */
export interface UserStatistics {
  readonly totalUsers: number;
  /** Registered and not deleted. */
  readonly activeUsers: number;
  readonly deletedUsers: number;
  /** Distinct users who logged in, per UTC day of the window, oldest first. */
  readonly dailyActiveUsers: readonly DayCount[];
  /** Registrations per UTC day of the window (its `series`), compared with the window before. */
  readonly growth: GrowthTrend;
}

/** Reads the statistics the {@link UserStatisticsHandler} keeps. */
@Injectable()
export class UserStatisticsService {
  constructor(@Inject(USER_STATISTICS_REPOSITORY) private readonly statistics: UserStatisticsRepository) {}

  /** Totals plus the last `days` UTC days (today included) compared with the `days` before them. */
  async snapshot(days = 7, now = new Date()): Promise<UserStatistics> {
    const window = trendWindows(now, days);
    const [total, deleted, registrations, previous, active] = await Promise.all([
      this.statistics.counter('users_registered'),
      this.statistics.counter('users_deleted'),
      this.statistics.daily('registrations', window.current),
      this.statistics.daily('registrations', window.previous),
      this.statistics.daily('active_users', window.current),
    ]);
    return {
      totalUsers: total,
      activeUsers: total - deleted,
      deletedUsers: deleted,
      dailyActiveUsers: window.current.map((date, i) => ({ date, count: active[i] ?? 0 })),
      growth: growthTrend(
        window.current.map((date, i) => ({ date, count: registrations[i] ?? 0 })),
        previous.reduce((sum, n) => sum + n, 0),
      ),
    };
  }
}
