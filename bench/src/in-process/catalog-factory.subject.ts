import { Injectable, Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { bookPurchased, subscriptionCreated, webNovelCatalog, webNovelUpcasters } from '@webnovel/contracts';
import { EventBus, EventsModule, OnDomainEvent, type DomainEvent } from '@webnovel/events';
import { CompletionCounter } from '../support/completion-counter.js';
import { OBSERVABILITY_OFF } from '../support/observability-off.js';
import type { InProcessSubject } from './in-process.subject.js';

/**
 * - `book.purchased`: a flat payload (ids, an amount, a currency), filled by assignment.
 * - `subscription.created`: two `@IsTimestamp()` dates and a boolean, so the payload is not flat: dates are revived.
 */
export type CatalogFactoryEvent = 'book.purchased' | 'subscription.created';

/** A publish as a user writes it, with fresh data per call like a request handler builds it. */
const publishers: { [K in CatalogFactoryEvent]: (bus: EventBus) => Promise<void> } = {
  'book.purchased': (bus) =>
    bus.publish(bookPurchased({ order_id: 'order-7f3a', user_id: 'user-42', book_id: 'book-1337', amount: 4_99, currency: 'EUR' })),
  'subscription.created': (bus) =>
    bus.publish(
      subscriptionCreated({
        subscription_id: 'sub-91c2',
        user_id: 'user-42',
        plan_id: 'plan-monthly',
        amount: 9_99,
        currency: 'USD',
        starts_at: new Date(1_767_225_600_000),
        expires_at: new Date(1_769_904_000_000),
        auto_renew: true,
      }),
    ),
};

@Module({})
class CatalogFactoryBenchModule {}

// Declared in a function so each application gets its own class and counter: nothing static is shared.
function handlerClass(type: CatalogFactoryEvent, counter: CompletionCounter): Type<unknown> {
  @Injectable()
  class CatalogEventHandler {
    @OnDomainEvent(type, { name: `bench.${type.replace('.', '_')}` })
    handle(_event: DomainEvent): void {
      counter.hit();
    }
  }
  return CatalogEventHandler;
}

/**
 * Our `EventBus` with the whole `@webnovel/contracts` catalog (and its upcasters), validation on, one sync handler,
 * and what users write: `await bus.publish(bookPurchased({ ... }))`, a factory-built event per publish.
 */
export async function startCatalogFactory(type: CatalogFactoryEvent): Promise<InProcessSubject> {
  const counter = new CompletionCounter();
  const app = await NestFactory.createApplicationContext(
    {
      module: CatalogFactoryBenchModule,
      imports: [
        EventsModule.forRoot({
          source: 'bench',
          catalog: webNovelCatalog,
          upcasters: webNovelUpcasters,
          logHandlers: false,
          ...OBSERVABILITY_OFF,
        }),
      ],
      providers: [handlerClass(type, counter)],
    },
    { logger: false },
  );
  const bus = app.get(EventBus);
  await bus.waitUntilReady();
  const publish = publishers[type];
  return {
    workload: { run: () => publish(bus), expect: (operations) => counter.expect(operations) },
    close: async () => {
      await app.close();
      counter.verify();
    },
  };
}
