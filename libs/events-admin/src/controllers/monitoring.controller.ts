import { Get, Query } from '@nestjs/common';
import { EventsMonitor, type MonitoringSummary } from '@webnovel/events';
import { MonitoringSummaryQueryDto } from '../dto/monitoring-summary.dto.js';
import { AdminController } from './admin-controller.decorator.js';

/** The seed's monitoring summary, for an operator without a Prometheus at hand. */
@AdminController('monitoring')
export class MonitoringController {
  constructor(private readonly monitor: EventsMonitor) {}

  /**
   * `GET monitoring/summary?minutes=15`: publishes per type, runs and failures per handler with p50/p95/p99, retry and
   * dead-letter sizes, and the oldest event the log has not marked dispatched.
   */
  @Get('summary')
  summary(@Query() { minutes }: MonitoringSummaryQueryDto): Promise<MonitoringSummary> {
    return this.monitor.summary(minutes);
  }
}
