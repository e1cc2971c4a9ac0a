import { Module } from '@nestjs/common';
import { ACHIEVEMENT_REPOSITORY } from '../achievements/achievement.repository.js';
import { InMemoryAchievementRepository } from '../achievements/in-memory-achievement.repository.js';
import { UserAchievementHandler } from '../achievements/user-achievement.handler.js';
import { ACTIVITY_LOG_REPOSITORY } from '../activity-log/activity-log.repository.js';
import { InMemoryActivityLogRepository } from '../activity-log/in-memory-activity-log.repository.js';
import { UserActivityLogHandler } from '../activity-log/user-activity-log.handler.js';
import { InMemoryUserStatisticsRepository } from '../statistics/in-memory-user-statistics.repository.js';
import { UserStatisticsHandler } from '../statistics/user-statistics.handler.js';
import { USER_STATISTICS_REPOSITORY } from '../statistics/user-statistics.repository.js';
import { UserStatisticsService } from '../statistics/user-statistics.service.js';
import { EmailTemplateRegistry } from '../welcome-email/email-template.registry.js';
import { InMemoryMailSender } from '../welcome-email/in-memory-mail.sender.js';
import { MAIL_SENDER } from '../welcome-email/mail-sender.port.js';
import { UserWelcomeEmailHandler } from '../welcome-email/user-welcome-email.handler.js';
import { InMemoryUserRepository } from './in-memory-user.repository.js';
import { PasswordHasher } from './password.hasher.js';
import { USER_REPOSITORY } from './user.repository.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

/**
 * The user routes and the handlers of user events. Every store is an in-memory default behind an injection
 * token; swap one with `overrideProvider(TOKEN)` in tests or a provider of your own in production.
 */
@Module({
  controllers: [UsersController],
  providers: [
    UsersService,
    PasswordHasher,
    UserStatisticsService,
    { provide: EmailTemplateRegistry, useFactory: () => new EmailTemplateRegistry() },
    { provide: USER_REPOSITORY, useClass: InMemoryUserRepository },
    { provide: MAIL_SENDER, useClass: InMemoryMailSender },
    { provide: USER_STATISTICS_REPOSITORY, useClass: InMemoryUserStatisticsRepository },
    { provide: ACTIVITY_LOG_REPOSITORY, useClass: InMemoryActivityLogRepository },
    { provide: ACHIEVEMENT_REPOSITORY, useClass: InMemoryAchievementRepository },
    UserWelcomeEmailHandler,
    UserStatisticsHandler,
    UserActivityLogHandler,
    UserAchievementHandler,
  ],
})
export class UsersModule {}
