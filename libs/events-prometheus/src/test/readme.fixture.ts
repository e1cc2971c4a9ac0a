// Mirrors the wiring snippet of the README, so the snippet keeps compiling and working (events-metrics.wiring.spec.ts
// boots it). Keep the two in step. Not part of the package (see "files" in package.json).
import { Inject, Injectable, Module } from '@nestjs/common';
import { EventsModule } from '@webnovel/events';
import { Counter, type Registry } from 'prom-client';
import { EVENTS_METRICS_REGISTRY } from '../events-metrics.constants.js';
import { EventsMetricsModule } from '../events-metrics.module.js';

/** The application's own metric, in the same registry and endpoint as the events metrics. */
@Injectable()
export class SignupMetrics {
  readonly signups: Counter;

  constructor(@Inject(EVENTS_METRICS_REGISTRY) registry: Registry) {
    this.signups = new Counter({ name: 'app_signups_total', help: 'Completed signups.', registers: [registry] });
  }
}

@Module({ providers: [SignupMetrics], exports: [SignupMetrics] })
export class SignupModule {}

@Module({
  imports: [
    EventsModule.forRoot({ source: 'user-service', unknownEvents: 'allow' }),
    // GET /metrics, in a registry of its own; EVENTS_METRICS_REGISTRY is injectable everywhere (isGlobal defaults to true).
    EventsMetricsModule.forRoot({ defaultLabels: { service: 'user-service' } }),
    SignupModule,
  ],
})
export class AppModule {}
