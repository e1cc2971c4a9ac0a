// libs/events-prometheus/README.md: the metrics module with an application metric in its registry, and options from
// configuration (here the environment).
// #region wiring
import { Inject, Injectable, Module } from '@nestjs/common';
import { EventsModule } from '@webnovel/events';
import { EVENTS_METRICS_REGISTRY, EventsMetricsModule } from '@webnovel/events-prometheus';
import { Counter, type Registry } from 'prom-client';

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
// #endregion

// #region async
export const InternalMetricsModule = EventsMetricsModule.forRootAsync({
  path: '/internal/metrics', // path, serve and isGlobal go here: the route is mounted before the factory runs
  useFactory: () => ({ scrapeTimeoutMs: Number(process.env.METRICS_SCRAPE_TIMEOUT_MS ?? 1000) }),
});
// #endregion
