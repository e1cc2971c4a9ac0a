// README "The distributed bus": a service on RabbitMQ, configured directly and through EventsRabbitMqModule.
import { Injectable, Module } from '@nestjs/common';
import { webNovelCatalog, webNovelUpcasters, type BookPurchasedEvent } from '@webnovel/contracts';
import { EventsModule, OnDomainEvent } from '@webnovel/events';
import { EventsRabbitMqModule, RabbitMqTransport } from '@webnovel/events-rabbitmq';

// #region consumer
@Injectable()
export class RoyaltyLedger {
  // Runs in the finance service for every purchase any service publishes.
  @OnDomainEvent('book.purchased', { mode: 'async' })
  credit(event: BookPurchasedEvent) {
    return event.data.amount; // integer minor units
  }
}
// #endregion

// #region module
@Module({
  imports: [
    EventsModule.forRoot({
      source: 'finance-service', // names this service's queue: every instance shares it
      catalog: webNovelCatalog,
      upcasters: webNovelUpcasters,
      transport: {
        adapter: new RabbitMqTransport({ url: process.env.RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672' }),
        mode: 'hybrid', // or 'remote'
        localOnly: ['user.logged_in', 'user.logged_out'],
      },
    }),
  ],
  providers: [RoyaltyLedger],
})
export class FinanceModule {}
// #endregion

// #region async
@Module({
  imports: [
    EventsModule.forRootAsync({
      imports: [EventsRabbitMqModule.forRoot({ url: process.env.RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672', prefetch: 200 })],
      inject: [RabbitMqTransport],
      useFactory: (adapter: RabbitMqTransport) => ({
        source: 'finance-service',
        catalog: webNovelCatalog,
        upcasters: webNovelUpcasters,
        transport: { adapter, mode: 'remote' as const },
      }),
    }),
  ],
  providers: [RoyaltyLedger],
})
export class FinanceAsyncModule {}
// #endregion
