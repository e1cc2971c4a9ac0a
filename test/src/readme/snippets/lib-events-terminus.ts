// libs/events-terminus/README.md: options from configuration (here the environment), and the indicator in a
// controller of the application's own.
import { Controller, Get, Module } from '@nestjs/common';
import { HealthCheck, HealthCheckService, TerminusModule } from '@nestjs/terminus';
import { EventsHealthIndicator, EventsHealthModule } from '@webnovel/events-terminus';

// #region async
export const OpsHealthModule = EventsHealthModule.forRootAsync({
  path: 'ops/health', // given here, not returned by the factory: routes are mounted before the factory runs
  useFactory: () => ({ timeoutMs: Number(process.env.HEALTH_TIMEOUT_MS ?? 1000) }),
});
// #endregion

// #region own-controller
@Controller('ready')
class AppHealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly events: EventsHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([() => this.events.readiness('bus'), () => this.events.store('log')]);
  }
}

@Module({ imports: [TerminusModule, EventsHealthModule.forRoot({ controller: false })], controllers: [AppHealthController] })
class AppHealthModule {}
// #endregion

export { AppHealthModule };
