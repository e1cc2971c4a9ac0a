// libs/events-admin/README.md: the admin API opened by API keys (forRoot), and by the application's own guard (forRootAsync).
import { Injectable, Module, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { EventsModule } from '@webnovel/events';
import { EventsAdminModule } from '@webnovel/events-admin';

// #region api-keys
@Module({
  imports: [
    EventsModule.forRoot({ source: 'user-service' }),
    // Several keys allow rotation: add the new key, move clients over, then remove the old one.
    EventsAdminModule.forRoot({ apiKeys: [process.env.ADMIN_KEY!, process.env.ADMIN_KEY_NEXT!] }),
  ],
})
export class AppModule {}
// #endregion

/** The application's access policy: which roles may operate the event bus. */
@Injectable()
export class Policy {
  readonly operators: ReadonlySet<string> = new Set(['ops', 'admin']);
}

@Module({ providers: [Policy], exports: [Policy] })
export class PolicyModule {}

/** Lets in requests whose gateway-set `x-role` header names an operator role; its Policy comes from PolicyModule. */
@Injectable()
export class RoleGuard implements CanActivate {
  constructor(private readonly policy: Policy) {}

  canActivate(context: ExecutionContext): boolean {
    const role = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>().headers['x-role'];
    return role !== undefined && this.policy.operators.has(role);
  }
}

// #region guard
export const OpsAdminModule = EventsAdminModule.forRootAsync({
  path: 'ops/events', // given here, not returned by the factory: routes are mounted before the factory runs
  imports: [PolicyModule],
  useFactory: () => ({ guard: RoleGuard }), // your CanActivate, resolved through DI in the admin module
});
// #endregion
