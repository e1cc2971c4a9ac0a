import { Inject, Injectable, NotFoundException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Observable } from 'rxjs';
import { EVENTS_ADMIN_CUSTOM_GUARD, RESOLVED_EVENTS_ADMIN_OPTIONS } from '../events-admin.constants.js';
import type { ResolvedEventsAdminOptions } from '../events-admin.options.js';
import { ApiKeyGuard } from './api-key.guard.js';

/**
 * The one guard on every admin route: the app's own guard when `guard` is set, else the API-key guard. With neither
 * (only possible with `forRootAsync`, whose options arrive after routes are mounted) it answers every request exactly
 * as Nest answers an unknown route, so a closed admin API does not even reveal that it exists.
 */
@Injectable()
export class EventsAdminGuard implements CanActivate {
  private readonly apiKeyGuard: ApiKeyGuard | undefined;

  constructor(
    @Inject(RESOLVED_EVENTS_ADMIN_OPTIONS) options: ResolvedEventsAdminOptions,
    @Inject(EVENTS_ADMIN_CUSTOM_GUARD) private readonly customGuard: CanActivate | null,
    private readonly adapterHost: HttpAdapterHost,
  ) {
    this.apiKeyGuard =
      options.apiKeys.length > 0 ? new ApiKeyGuard({ apiKeys: options.apiKeys, apiKeyHeader: options.apiKeyHeader }) : undefined;
  }

  canActivate(context: ExecutionContext): boolean | Promise<boolean> | Observable<boolean> {
    if (this.customGuard) return this.customGuard.canActivate(context);
    if (this.apiKeyGuard) return this.apiKeyGuard.canActivate(context);
    const adapter = this.adapterHost.httpAdapter;
    const request: unknown = context.switchToHttp().getRequest();
    throw new NotFoundException(`Cannot ${adapter.getRequestMethod(request)} ${adapter.getRequestUrl(request)}`);
  }
}
