import { Inject, Injectable } from '@nestjs/common';
import { notificationCreated, type UserLoggedInEvent, type UserUpdatedEvent } from '@webnovel/contracts';
import { causedBy, EventBus, OnDomainEvent } from '@webnovel/events';
import { randomUUID } from 'node:crypto';
import { utcDay } from '../common/utc-day.util.js';
import { ACHIEVEMENT_REPOSITORY, type AchievementRepository, type Award } from './achievement.repository.js';
import { advance, metRules, type ProgressActivity } from './achievement.rules.js';

/**
 * Checks achievement rules after logins and profile updates, awards each achievement once per user, and
 * publishes `notification.created` as a consequence of the event that earned it.
 *
 * Async: rule checks and the notification fan-out stay off the login request. A retry is safe: progress is
 * counted once per event id, awards once per code, and notifications are re-sent until marked, with the same
 * `notification_id`, so delivery is at least once and consumers can drop repeats.
 */
@Injectable()
export class UserAchievementHandler {
  constructor(
    @Inject(ACHIEVEMENT_REPOSITORY) private readonly achievements: AchievementRepository,
    private readonly bus: EventBus,
  ) {}

  @OnDomainEvent(['user.logged_in', 'user.updated'], { mode: 'async' })
  async onUserActivity(event: UserLoggedInEvent | UserUpdatedEvent): Promise<void> {
    const userId = event.data.user_id;
    const activity: ProgressActivity =
      event.type === 'user.logged_in' ? { kind: 'login', day: utcDay(event.occurredAt) } : { kind: 'profile-update' };
    const progress = await this.achievements.recordProgress(userId, event.id, (current) => advance(current, activity));
    for (const rule of metRules(progress)) {
      await this.achievements.award({
        userId,
        code: rule.code,
        title: rule.title,
        description: rule.description,
        awardedAt: event.occurredAt,
        notificationId: randomUUID(),
        causationId: event.id,
        correlationId: event.correlationId,
        notified: false,
      });
    }
    // Includes awards whose notification failed on an earlier event, so a failed publish is retried, not lost.
    for (const award of await this.achievements.findByUser(userId)) {
      if (!award.notified) await this.notify(award);
    }
  }

  private async notify(award: Award): Promise<void> {
    const notification = notificationCreated(
      {
        notification_id: award.notificationId,
        user_id: award.userId,
        type: 'achievement',
        title: `Achievement unlocked: ${award.title}`,
        content: award.description,
        channels: ['in_app'],
      },
      causedBy({ id: award.causationId, correlationId: award.correlationId }),
    );
    await this.bus.publish(notification);
    await this.achievements.markNotified(award.userId, award.code);
  }
}
