import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { EventsHealthIndicator } from './events-health.indicator.js';

/**
 * The health routes, mounted under the module's `path` by `RouterModule`. Public on purpose: orchestrators and load
 * balancers call them without credentials. They reveal only up or down, class names, latencies and redacted driver
 * errors; never a connection string.
 */
@Controller()
export class EventsHealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: EventsHealthIndicator,
  ) {}

  /** Readiness: 200 when the bus is ready and its backends answer, else 503 naming what is down (terminus's contract). */
  @Get()
  @HealthCheck()
  check(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.indicator.readiness(),
      () => this.indicator.delivery(),
      () => this.indicator.store(),
      () => this.indicator.transport(),
    ]);
  }

  /**
   * Liveness: 200 whenever the process serves HTTP, even while shutting down. It checks no dependency, so an
   * orchestrator does not restart a pod because Redis blinked; readiness takes the pod out of traffic instead.
   */
  @Get('live')
  @HealthCheck()
  live(): HealthCheckResult {
    return { status: 'ok', info: {}, error: {}, details: {} };
  }
}
