import { Inject, Injectable, Logger, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { userDeleted, userLoggedIn, userRegistered, userUpdated, type UserLoggedInPayload } from '@webnovel/contracts';
import { EventBus, HandlersFailedError, type DomainEvent, type PayloadInput } from '@webnovel/events';
import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import { ACHIEVEMENT_REPOSITORY, type AchievementRepository, type Award } from '../achievements/achievement.repository.js';
import { ACTIVITY_LOG_REPOSITORY, type ActivityEntry, type ActivityLogRepository } from '../activity-log/activity-log.repository.js';
import { UserStatisticsService, type UserStatistics } from '../statistics/user-statistics.service.js';
import type { LoginDto } from './dto/login.dto.js';
import type { RegisterUserDto } from './dto/register-user.dto.js';
import type { UpdateUserDto } from './dto/update-user.dto.js';
import { PasswordHasher } from './password.hasher.js';
import type { User } from './user.model.js';
import { EmailTakenError, USER_REPOSITORY, type UserRepository } from './user.repository.js';

/** Where a login came from, for the `user.logged_in` event. */
export interface LoginClient {
  readonly ip?: string;
  readonly userAgent?: string;
}

const INVALID_CREDENTIALS = 'The e-mail or password is wrong.';
/** What `user.logged_in` accepts. */
const MAX_USER_AGENT_LENGTH = 512;
const UPDATABLE_FIELDS = ['username', 'email'] as const;

/**
 * The account use cases. Owns the user store; every change is stored first and then published as a domain
 * event, which is how welcome mail, statistics, the activity log and achievements learn about it.
 */
@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    @Inject(USER_REPOSITORY) private readonly users: UserRepository,
    @Inject(ACTIVITY_LOG_REPOSITORY) private readonly activityLog: ActivityLogRepository,
    @Inject(ACHIEVEMENT_REPOSITORY) private readonly achievementStore: AchievementRepository,
    private readonly statistics: UserStatisticsService,
    private readonly hasher: PasswordHasher,
    private readonly bus: EventBus,
  ) {}

  /** @throws EmailTakenError when an active account has the e-mail */
  async register({ username, email, password }: RegisterUserDto): Promise<User> {
    // Checked before hashing only to answer fast; the repository's own check is what holds under concurrency.
    if (await this.users.findActiveByEmail(email)) throw new EmailTakenError(email);
    const now = new Date();
    const user: User = {
      id: randomUUID(),
      username,
      email,
      passwordHash: await this.hasher.hash(password),
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    };
    await this.users.create(user);
    await this.publish(userRegistered({ user_id: user.id, username, email }, { occurredAt: now }));
    return user;
  }

  /**
   * Checks the credentials and returns the user's id.
   * @throws UnauthorizedException for an unknown e-mail or a wrong password, with the same message and similar timing
   */
  async login({ email, password }: LoginDto, client: LoginClient = {}): Promise<string> {
    const user = await this.users.findActiveByEmail(email);
    if (user === undefined) {
      await this.hasher.verifyNothing(password);
      throw new UnauthorizedException(INVALID_CREDENTIALS);
    }
    if (!(await this.hasher.verify(password, user.passwordHash))) throw new UnauthorizedException(INVALID_CREDENTIALS);
    await this.publish(userLoggedIn(loginData(user.id, client)));
    return user.id;
  }

  /**
   * Applies the given fields. Publishes `user.updated` with the fields whose value changed, or nothing when none did.
   * @throws NotFoundException for an unknown or deleted id; EmailTakenError when the e-mail belongs to another account
   */
  async update(id: string, changes: UpdateUserDto): Promise<User> {
    const user = await this.findActive(id);
    const changed = UPDATABLE_FIELDS.filter((field) => changes[field] !== undefined && changes[field] !== user[field]);
    if (changed.length === 0) return user;
    const updated: User = { ...user, ...pick(changes, changed), updatedAt: new Date() };
    await this.users.update(updated);
    await this.publish(userUpdated({ user_id: id, changed_fields: changed }, { occurredAt: updated.updatedAt }));
    return updated;
  }

  /**
   * Deletes the account: it can no longer log in and its e-mail is free again; its history stays readable.
   * @throws NotFoundException for an unknown or already deleted id
   */
  async remove(id: string): Promise<void> {
    const user = await this.findActive(id);
    const now = new Date();
    await this.users.update({ ...user, updatedAt: now, deletedAt: now });
    await this.publish(userDeleted({ user_id: id }, { occurredAt: now }));
  }

  /** @throws NotFoundException for an unknown or deleted id */
  async findActive(id: string): Promise<User> {
    const user = await this.users.findById(id);
    if (user === undefined || user.deletedAt !== null) throw new NotFoundException(`No user with id "${id}".`);
    return user;
  }

  /**
   * The user's latest activity, newest first. Deleted accounts keep their history.
   * @throws NotFoundException for an id that never existed
   */
  async activity(id: string, limit = 20): Promise<ActivityEntry[]> {
    await this.findEver(id);
    return this.activityLog.findByUser(id, limit);
  }

  /** @throws NotFoundException for an id that never existed */
  async achievements(id: string): Promise<Award[]> {
    await this.findEver(id);
    return this.achievementStore.findByUser(id);
  }

  /** Totals, daily active users and the registration trend over the last `days` UTC days. */
  stats(days?: number): Promise<UserStatistics> {
    return this.statistics.snapshot(days);
  }

  private async findEver(id: string): Promise<User> {
    const user = await this.users.findById(id);
    if (user === undefined) throw new NotFoundException(`No user with id "${id}".`);
    return user;
  }

  private async publish(event: DomainEvent): Promise<void> {
    try {
      await this.bus.publish(event);
    } catch (error) {
      // The change is stored already: failing the request would make the client repeat a done operation. Sync
      // handlers are projections, so their failure is logged (and visible in the error) rather than returned.
      if (!(error instanceof HandlersFailedError)) throw error;
      this.logger.error(error.message, error.stack);
    }
  }
}

// Client-supplied details must not make the login fail: an odd address is left out, a long user agent is cut.
function loginData(userId: string, { ip, userAgent }: LoginClient): PayloadInput<UserLoggedInPayload> {
  return {
    user_id: userId,
    ...(ip !== undefined && isIP(ip) !== 0 ? { ip } : {}),
    ...(userAgent ? { user_agent: userAgent.slice(0, MAX_USER_AGENT_LENGTH) } : {}),
  };
}

function pick<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((key) => [key, source[key]])) as Pick<T, K>;
}
