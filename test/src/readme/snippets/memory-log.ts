// README "The durable event log": querying the embedded 'memory' log through EventLog.store.
import { Module, type INestApplicationContext } from '@nestjs/common';
import { bookPurchased, webNovelCatalog } from '@webnovel/contracts';
import { EventBus, EventLog, EventsModule } from '@webnovel/events';

@Module({ imports: [EventsModule.forRoot({ catalog: webNovelCatalog, store: 'memory' })] })
export class AppModule {}

/** Publishes a purchase, then reads it back from the log: by type, and by id. */
export async function purchasesInTheLog(app: INestApplicationContext) {
  await app.get(EventBus).publish(bookPurchased({ order_id: 'o-1', user_id: 'u-1', book_id: 'b-1', amount: 1999, currency: 'CNY' }));
  // #region query
  const store = app.get(EventLog).store!; // the InMemoryEventStore of store: 'memory' (or the adapter you passed)
  const page = await store.find({ types: ['book.purchased'], from: new Date(Date.now() - 60_000) }, { limit: 20 });
  const [first] = page.events; // StoredEvent: { event, storedAt, dispatchStatus, dispatchedAt, expiresAt }
  const same = await store.getById(first!.event.id); // null for an id the log does not hold
  // #endregion
  return { page, same };
}
