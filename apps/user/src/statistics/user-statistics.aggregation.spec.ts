import 'reflect-metadata';
import { userDeleted, userLoggedIn, userRegistered } from '@webnovel/contracts';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InMemoryUserStatisticsRepository } from './in-memory-user-statistics.repository.js';
import { growthTrend, statisticsChanges, trendWindows } from './user-statistics.aggregation.js';
import { UserStatisticsService } from './user-statistics.service.js';

const at = (iso: string): Date => new Date(iso);

describe('statisticsChanges', () => {
  it('counts a registration on the UTC day it happened', () => {
    // 23:30 in UTC-5 is already the next day in UTC.
    const event = userRegistered(
      { user_id: 'u1', username: 'ann', email: 'ann@example.com' },
      { occurredAt: at('2025-03-01T23:30:00-05:00') },
    );
    assert.deepEqual(statisticsChanges(event), [
      { kind: 'increment', counter: 'users_registered' },
      { kind: 'daily-increment', metric: 'registrations', day: '2025-03-02' },
    ]);
  });

  it('makes a login a member of the day, and a deletion a counter', () => {
    assert.deepEqual(statisticsChanges(userLoggedIn({ user_id: 'u1' }, { occurredAt: at('2025-03-01T08:00:00Z') })), [
      { kind: 'daily-member', metric: 'active_users', day: '2025-03-01', member: 'u1' },
    ]);
    assert.deepEqual(statisticsChanges(userDeleted({ user_id: 'u1' })), [{ kind: 'increment', counter: 'users_deleted' }]);
  });
});

describe('trendWindows and growthTrend', () => {
  it('lists the current window ending today and the window before it, oldest first', () => {
    assert.deepEqual(trendWindows(at('2025-03-02T23:59:59Z'), 3), {
      previous: ['2025-02-25', '2025-02-26', '2025-02-27'],
      current: ['2025-02-28', '2025-03-01', '2025-03-02'],
    });
  });

  it('rejects a window that is not a positive integer', () => {
    assert.throws(() => trendWindows(new Date(), 0), RangeError);
    assert.throws(() => trendWindows(new Date(), 1.5), RangeError);
  });

  it('compares the window total with the previous one', () => {
    const series = [
      { date: '2025-03-01', count: 2 },
      { date: '2025-03-02', count: 4 },
    ];
    assert.deepEqual(growthTrend(series, 4), { series, total: 6, previousTotal: 4, changeRatio: 0.5 });
    assert.equal(growthTrend(series, 0).changeRatio, null);
  });
});

describe('UserStatisticsService over the in-memory repository', () => {
  it('counts totals, distinct daily logins and the trend, once per event id', async () => {
    const repository = new InMemoryUserStatisticsRepository();
    const apply = (event: Parameters<typeof statisticsChanges>[0]) => repository.apply(event.id, statisticsChanges(event));
    const registered = (id: string, iso: string) =>
      userRegistered({ user_id: id, username: id, email: `${id}@example.com` }, { occurredAt: at(iso) });

    const first = registered('u1', '2025-03-02T10:00:00Z');
    assert.equal(await apply(first), true);
    assert.equal(await apply(first), false, 'a redelivery changes nothing');
    await apply(registered('u2', '2025-03-02T11:00:00Z'));
    await apply(registered('u3', '2025-02-27T11:00:00Z'));
    await apply(userLoggedIn({ user_id: 'u1' }, { occurredAt: at('2025-03-02T12:00:00Z') }));
    await apply(userLoggedIn({ user_id: 'u1' }, { occurredAt: at('2025-03-02T13:00:00Z') }));
    await apply(userLoggedIn({ user_id: 'u2' }, { occurredAt: at('2025-03-02T14:00:00Z') }));
    await apply(userDeleted({ user_id: 'u3' }));

    const stats = await new UserStatisticsService(repository).snapshot(2, at('2025-03-02T20:00:00Z'));
    assert.equal(stats.totalUsers, 3);
    assert.equal(stats.activeUsers, 2);
    assert.equal(stats.deletedUsers, 1);
    assert.deepEqual(stats.dailyActiveUsers, [
      { date: '2025-03-01', count: 0 },
      { date: '2025-03-02', count: 2 },
    ]);
    assert.deepEqual(stats.growth, {
      series: [
        { date: '2025-03-01', count: 0 },
        { date: '2025-03-02', count: 2 },
      ],
      total: 2,
      previousTotal: 1,
      changeRatio: 1,
    });
  });
});
