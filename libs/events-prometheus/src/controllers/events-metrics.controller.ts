import { Controller, Get, Inject, Res, type Type } from '@nestjs/common';
import { PrometheusController } from '@willsoto/nestjs-prometheus';
import { EVENTS_METRICS_REGISTRY } from '../events-metrics.constants.js';
import type { MetricsRegistry } from '../events-metrics.options.js';

/** The part of an Express response or a Fastify reply the endpoint uses. */
interface MetricsResponse {
  header(name: string, value: string): unknown;
}

/**
 * A controller class, new per call, serving the injected registry instead of prom-client's global one.
 *
 * New per call because `PrometheusModule.register` writes the route into the controller class's metadata: with one
 * shared class, the last `forRoot` in the process would decide the path of every application.
 */
export function createEventsMetricsController(): Type<PrometheusController> {
  @Controller()
  class EventsMetricsController extends PrometheusController {
    constructor(@Inject(EVENTS_METRICS_REGISTRY) private readonly registry: MetricsRegistry) {
      super();
    }

    @Get()
    override async index(@Res({ passthrough: true }) response: MetricsResponse): Promise<string> {
      response.header('Content-Type', this.registry.contentType);
      return this.registry.metrics();
    }
  }
  return EventsMetricsController;
}
