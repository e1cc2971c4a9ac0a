import { Inject, Injectable, Logger } from '@nestjs/common';
import { OnDomainEvent, type DomainEvent } from '@webnovel/events';
import { ACTIVITY_LOG_REPOSITORY, type ActivityLogRepository } from './activity-log.repository.js';

/**
 * Records every `user.*` event in the user's activity log. Sync, so the log a client reads after a request
 * already holds that request's event. Every user event carries `user_id`, which is what makes one pattern enough.
 */
@Injectable()
export class UserActivityLogHandler {
  private readonly logger = new Logger(UserActivityLogHandler.name);

  constructor(@Inject(ACTIVITY_LOG_REPOSITORY) private readonly log: ActivityLogRepository) {}

  @OnDomainEvent('user.*')
  async onUserEvent(event: DomainEvent<{ user_id?: unknown }>): Promise<void> {
    const userId = event.data.user_id;
    // Failing would fail the publisher's request over a log entry; a new user.* type without user_id is a catalog bug to see in logs.
    if (typeof userId !== 'string') {
      this.logger.warn(`${event.type} ${event.id} has no user_id; it is not in any activity log.`);
      return;
    }
    await this.log.append({
      eventId: event.id,
      type: event.type,
      userId,
      occurredAt: event.occurredAt,
      correlationId: event.correlationId,
    });
  }
}
