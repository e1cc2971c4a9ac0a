import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { bookPurchased, webNovelCatalog, type BookPurchasedEvent } from '@webnovel/contracts';
import { EventBus, EventsModule, OnDomainEvent } from '@webnovel/events';

@Injectable()
export class RoyaltyHandler {
  readonly earned = new Map<string, number>(); // book id -> minor units

  @OnDomainEvent('book.purchased')
  onPurchase(event: BookPurchasedEvent) {
    const { book_id, amount } = event.data;
    this.earned.set(book_id, (this.earned.get(book_id) ?? 0) + Math.floor((amount * 70) / 100));
  }
}

@Module({
  imports: [EventsModule.forRoot({ source: 'bookstore', catalog: webNovelCatalog })],
  providers: [RoyaltyHandler],
})
export class AppModule {}

export async function main() {
  const app = await NestFactory.createApplicationContext(AppModule);
  const bus = app.get(EventBus);
  await bus.publish(bookPurchased({ order_id: 'o-1', user_id: 'u-1', book_id: 'b-1', amount: 1999, currency: 'CNY' }));
  const earned = app.get(RoyaltyHandler).earned.get('b-1'); // 1399
  await app.close();
  return earned;
}
