import 'reflect-metadata';
import { userLoggedIn, userUpdated, type NotificationCreatedPayload } from '@webnovel/contracts';
import type { DomainEvent, EventBus } from '@webnovel/events';
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { InMemoryAchievementRepository } from './in-memory-achievement.repository.js';
import { UserAchievementHandler } from './user-achievement.handler.js';

type Notification = DomainEvent<NotificationCreatedPayload>;

/** Records what the handler publishes; `failures` makes the next publishes reject. */
class FakeBus {
  readonly published: Notification[] = [];
  failures = 0;

  async publish(event: DomainEvent): Promise<void> {
    if (this.failures > 0) {
      this.failures--;
      throw new Error('bus unavailable');
    }
    this.published.push(event as Notification);
  }
}

const day = (d: number): Date => new Date(Date.UTC(2025, 2, d, 12));

describe('UserAchievementHandler', () => {
  let repository: InMemoryAchievementRepository;
  let bus: FakeBus;
  let handler: UserAchievementHandler;

  beforeEach(() => {
    repository = new InMemoryAchievementRepository();
    bus = new FakeBus();
    handler = new UserAchievementHandler(repository, bus as unknown as EventBus);
  });

  it('awards first_login once and notifies as a consequence of the login', async () => {
    const login = userLoggedIn({ user_id: 'u1' }, { occurredAt: day(1) });
    await handler.onUserActivity(login);
    await handler.onUserActivity(userLoggedIn({ user_id: 'u1' }, { occurredAt: day(1) }));
    assert.deepEqual(
      (await repository.findByUser('u1')).map((a) => [a.code, a.notified]),
      [['first_login', true]],
    );
    assert.equal(bus.published.length, 1);
    const [notification] = bus.published;
    assert.equal(notification.type, 'notification.created');
    assert.equal(notification.causationId, login.id);
    assert.equal(notification.correlationId, login.correlationId);
    assert.deepEqual(notification.data.channels, ['in_app']);
    assert.equal(notification.data.type, 'achievement');
    assert.equal(notification.data.user_id, 'u1');
  });

  it('does not count a redelivered login twice', async () => {
    const login = userLoggedIn({ user_id: 'u1' }, { occurredAt: day(1) });
    await handler.onUserActivity(login);
    await handler.onUserActivity(login);
    assert.equal((await repository.recordProgress('u1', 'probe', (p) => p)).logins, 1);
  });

  it('awards profile_completed on the first update and regular_reader on the third login day', async () => {
    await handler.onUserActivity(userUpdated({ user_id: 'u1', changed_fields: ['username'] }));
    for (const d of [1, 2, 2, 3]) await handler.onUserActivity(userLoggedIn({ user_id: 'u1' }, { occurredAt: day(d) }));
    assert.deepEqual(
      (await repository.findByUser('u1')).map((a) => a.code),
      ['profile_completed', 'first_login', 'regular_reader'],
    );
    assert.equal(bus.published.length, 3);
  });

  it('re-sends a failed notification on retry with the same notification id', async () => {
    const login = userLoggedIn({ user_id: 'u1' }, { occurredAt: day(1) });
    bus.failures = 1;
    await assert.rejects(handler.onUserActivity(login), /bus unavailable/);
    assert.equal((await repository.findByUser('u1'))[0]?.notified, false);
    await handler.onUserActivity(login);
    const [award] = await repository.findByUser('u1');
    assert.equal(award?.notified, true);
    assert.equal(bus.published.length, 1);
    assert.equal(bus.published[0]?.data.notification_id, award?.notificationId);
    assert.equal(bus.published[0]?.causationId, login.id);
  });
});
