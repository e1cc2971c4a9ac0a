import { Inject, Injectable } from '@nestjs/common';
import { OnDomainEvent } from '@webnovel/events';
import { statisticsChanges, type CountedUserEvent } from './user-statistics.aggregation.js';
import { USER_STATISTICS_REPOSITORY, type UserStatisticsRepository } from './user-statistics.repository.js';

/**
 * Keeps registration, activity and deletion figures. Sync, so `GET /users/stats` reflects a request as soon
 * as it has answered; the work is a few counter updates.
 */
@Injectable()
export class UserStatisticsHandler {
  constructor(@Inject(USER_STATISTICS_REPOSITORY) private readonly statistics: UserStatisticsRepository) {}

  @OnDomainEvent(['user.registered', 'user.logged_in', 'user.deleted'])
  async onUserEvent(event: CountedUserEvent): Promise<void> {
    await this.statistics.apply(event.id, statisticsChanges(event));
  }
}
