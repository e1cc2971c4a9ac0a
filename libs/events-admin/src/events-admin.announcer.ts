import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { EVENTS_ADMIN_LOGGER_CONTEXT, RESOLVED_EVENTS_ADMIN_OPTIONS } from './events-admin.constants.js';
import { adminDisabledWarning, adminEnabledLog, apiKeyAccessDescription, guardAccessDescription } from './events-admin.messages.js';
import { isAdminEnabled, type ResolvedEventsAdminOptions } from './events-admin.options.js';

/**
 * Says at bootstrap where the admin API is and how it is protected, or, when it is closed, why and how to open it:
 * a closed API is the safe default, but silently missing routes would cost an operator time.
 */
@Injectable()
export class EventsAdminAnnouncer implements OnModuleInit {
  private readonly logger = new Logger(EVENTS_ADMIN_LOGGER_CONTEXT);

  constructor(@Inject(RESOLVED_EVENTS_ADMIN_OPTIONS) private readonly options: ResolvedEventsAdminOptions) {}

  onModuleInit(): void {
    const { method, path, guard, apiKeys, apiKeyHeader } = this.options;
    if (!isAdminEnabled(this.options)) return this.logger.warn(adminDisabledWarning(method, path));
    const access = guard ? guardAccessDescription(guard.name) : apiKeyAccessDescription(apiKeyHeader, apiKeys.length);
    this.logger.log(adminEnabledLog(path, access));
  }
}
