import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Subject, type Observable } from 'rxjs';
import type { DeliveryOutcome, DeliveryRecord } from '../interfaces/event-delivery.interface.js';

/** Runs per outcome since the application started. */
export type DeliveryStats = Readonly<Record<DeliveryOutcome, number>>;

/**
 * Collects how every async handler run ended, as the delivery driver reports it: totals per outcome, and a stream
 * of records for metrics and logs.
 */
@Injectable()
export class DeliveryMonitor implements OnApplicationShutdown {
  private readonly totals: Record<DeliveryOutcome, number> = { success: 0, retried: 0, dead_lettered: 0, skipped_duplicate: 0 };
  private readonly subject = new Subject<DeliveryRecord>();
  /** Every settled run. Subscribers run synchronously on the delivery path, so keep them cheap. */
  readonly records$: Observable<DeliveryRecord> = this.subject.asObservable();

  record(record: DeliveryRecord): void {
    this.totals[record.outcome]++;
    if (this.subject.observed) this.subject.next(record);
  }

  stats(): DeliveryStats {
    return { ...this.totals };
  }

  onApplicationShutdown(): void {
    this.subject.complete();
  }
}
