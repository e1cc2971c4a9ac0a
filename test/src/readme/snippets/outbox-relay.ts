// README "The durable event log": driving the outbox relay by hand with OutboxRelay.runOnce.
import { Injectable, Module, type INestApplicationContext } from '@nestjs/common';
import { bookPurchased, webNovelCatalog, type BookPurchasedEvent } from '@webnovel/contracts';
import { EventLog, EventsModule, OnDomainEvent, OutboxRelay } from '@webnovel/events';

@Injectable()
export class Receipts {
  readonly sent: string[] = [];

  @OnDomainEvent('book.purchased')
  send(event: BookPurchasedEvent) {
    this.sent.push(event.data.order_id);
  }
}

// #region module
@Module({
  // No timer: this application runs the relay itself. graceMs 0 takes whatever was pending before the pass began.
  imports: [EventsModule.forRoot({ catalog: webNovelCatalog, store: 'memory', outbox: { enabled: false, graceMs: 0 } })],
  providers: [Receipts],
})
export class AppModule {}
// #endregion

/** Appends an event without dispatching it, as a transactional-outbox append does; returns when it was stored. */
export async function appendPending(app: INestApplicationContext): Promise<Date> {
  const store = app.get(EventLog).store!;
  const event = bookPurchased({ order_id: 'o-7', user_id: 'u-1', book_id: 'b-1', amount: 999, currency: 'CNY' });
  await store.append(event);
  return (await store.getById(event.id))!.storedAt;
}

/** One relay pass, and the receipts sent so far. */
export async function relayPending(app: INestApplicationContext) {
  // #region run-once
  const { dispatched, failed } = await app.get(OutboxRelay).runOnce(); // { dispatched: 1, failed: 0 }
  // #endregion
  return { dispatched, failed, sent: app.get(Receipts).sent };
}
