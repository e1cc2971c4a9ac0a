import { Body, Controller, Delete, Get, Headers, HttpCode, HttpStatus, Ip, Param, Patch, Post, Query, UseFilters } from '@nestjs/common';
import { ActivityQueryDto, StatsQueryDto } from './dto/history-query.dto.js';
import { LoginDto } from './dto/login.dto.js';
import { RegisterUserDto } from './dto/register-user.dto.js';
import { UpdateUserDto } from './dto/update-user.dto.js';
import { EmailTakenFilter } from './email-taken.filter.js';
import { toUserView, type UserView } from './user.model.js';
import {
  toAchievementView,
  toActivityView,
  toStatsView,
  type AchievementView,
  type ActivityView,
  type StatsView,
} from './users.presenter.js';
import { UsersService } from './users.service.js';

/**
 * The account routes. There is no authentication in this sample, so any caller may change any account;
 * a real service would guard the `:id` routes with the session the login starts.
 */
@Controller('users')
@UseFilters(EmailTakenFilter)
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** Registers an account: 201 with its public view, 409 when the e-mail is taken. */
  @Post()
  async register(@Body() body: RegisterUserDto): Promise<UserView> {
    return toUserView(await this.users.register(body));
  }

  /** Checks credentials: 200 with the user id, 401 otherwise. */
  @Post('login')
  @HttpCode(HttpStatus.OK)
  async login(@Body() body: LoginDto, @Ip() ip: string, @Headers('user-agent') userAgent?: string): Promise<{ user_id: string }> {
    return { user_id: await this.users.login(body, { ip, userAgent }) };
  }

  /** Registration, activity and growth figures; `?days=` sets the window (default 7). */
  @Get('stats')
  async stats(@Query() query: StatsQueryDto): Promise<StatsView> {
    return toStatsView(await this.users.stats(query.days));
  }

  /** One active account, or 404. */
  @Get(':id')
  async findOne(@Param('id') id: string): Promise<UserView> {
    return toUserView(await this.users.findActive(id));
  }

  /** Changes the username and/or e-mail: 200 with the new view, 404 or 409. */
  @Patch(':id')
  async update(@Param('id') id: string, @Body() body: UpdateUserDto): Promise<UserView> {
    return toUserView(await this.users.update(id, body));
  }

  /** Deletes the account: 204, or 404. */
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  async remove(@Param('id') id: string): Promise<void> {
    await this.users.remove(id);
  }

  /** The latest events of the user, newest first; `?limit=` from 1 to 100 (default 20). */
  @Get(':id/activity')
  async activity(@Param('id') id: string, @Query() query: ActivityQueryDto): Promise<ActivityView[]> {
    return (await this.users.activity(id, query.limit)).map(toActivityView);
  }

  /** The achievements the user holds, oldest first. */
  @Get(':id/achievements')
  async achievements(@Param('id') id: string): Promise<AchievementView[]> {
    return (await this.users.achievements(id)).map(toAchievementView);
  }
}
