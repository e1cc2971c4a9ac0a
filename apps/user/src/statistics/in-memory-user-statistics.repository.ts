import { Injectable } from '@nestjs/common';
import type { DailyMetric, StatisticsChange, StatisticsCounter } from './user-statistics.aggregation.js';
import type { UserStatisticsRepository } from './user-statistics.repository.js';

/** The default {@link UserStatisticsRepository}: maps per application instance, lost on restart. */
@Injectable()
export class InMemoryUserStatisticsRepository implements UserStatisticsRepository {
  // Grows with every event; a durable store would expire ids older than the longest redelivery window.
  private readonly applied = new Set<string>();
  private readonly counters = new Map<StatisticsCounter, number>();
  private readonly dailyCounts = new Map<string, number>();
  private readonly dailyMembers = new Map<string, Set<string>>();

  async apply(eventId: string, changes: readonly StatisticsChange[]): Promise<boolean> {
    if (this.applied.has(eventId)) return false;
    this.applied.add(eventId);
    for (const change of changes) {
      switch (change.kind) {
        case 'increment':
          this.counters.set(change.counter, (this.counters.get(change.counter) ?? 0) + 1);
          break;
        case 'daily-increment': {
          const key = `${change.metric}:${change.day}`;
          this.dailyCounts.set(key, (this.dailyCounts.get(key) ?? 0) + 1);
          break;
        }
        case 'daily-member': {
          const key = `${change.metric}:${change.day}`;
          const members = this.dailyMembers.get(key) ?? new Set<string>();
          members.add(change.member);
          this.dailyMembers.set(key, members);
          break;
        }
      }
    }
    return true;
  }

  async counter(name: StatisticsCounter): Promise<number> {
    return this.counters.get(name) ?? 0;
  }

  async daily(metric: DailyMetric, days: readonly string[]): Promise<number[]> {
    return days.map((day) => {
      const key = `${metric}:${day}`;
      return this.dailyMembers.get(key)?.size ?? this.dailyCounts.get(key) ?? 0;
    });
  }
}
