// README "The admin API": the two ways to let requests in.
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { EventsAdminModule } from '@webnovel/events-admin';

/** An application's own access rule; here, a header its gateway sets for staff. */
@Injectable()
export class StaffOnlyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    return context.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>().headers['x-staff'] === 'yes';
  }
}

// #region access
export const byApiKey = EventsAdminModule.forRoot({ path: 'admin/events', apiKeys: [process.env.EVENTS_ADMIN_KEY!] }); // header x-api-key
export const byGuard = EventsAdminModule.forRoot({ guard: StaffOnlyGuard }); // or your own CanActivate
// #endregion
