// README "Handlers": the second argument of a handler, its HandlerContext.
import { Injectable } from '@nestjs/common';
import type { BookPurchasedEvent } from '@webnovel/contracts';
import { OnDomainEvent, type HandlerContext } from '@webnovel/events';

// #region handler-context
@Injectable()
export class AuditTrail {
  readonly runs: string[] = [];

  @OnDomainEvent('book.purchased', { mode: 'async', retry: { maxAttempts: 2, initialDelayMs: 10 } })
  record(event: BookPurchasedEvent, context: HandlerContext) {
    // context: { handler: 'AuditTrail.record', attempt: 1 (2, 3... on retries), mode: 'async' }
    this.runs.push(`${context.handler} #${context.attempt} ${context.mode} ${event.data.order_id}`);
    if (context.attempt === 1) throw new Error('audit store busy'); // retried once, as attempt 2
  }
}
// #endregion
