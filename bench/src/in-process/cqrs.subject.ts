import { Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CqrsModule, EventBus as CqrsEventBus, EventsHandler, type IEvent, type IEventHandler } from '@nestjs/cqrs';
import { CompletionCounter } from '../support/completion-counter.js';
import { samplePurchase, type ChapterPurchasedPayload } from './chapter-purchased.payload.js';
import type { InProcessSubject } from './in-process.subject.js';
import type { PayloadInput } from '@webnovel/events';

/** The CQRS flavour of the event: routing is by class, so the class is the type. */
export class ChapterPurchasedCqrsEvent implements IEvent {
  constructor(readonly payload: PayloadInput<ChapterPurchasedPayload>) {}
}

@Module({})
class CqrsBenchModule {}

function handlerClass(counter: CompletionCounter): Type<unknown> {
  @EventsHandler(ChapterPurchasedCqrsEvent)
  class ChapterPurchasedCqrsHandler implements IEventHandler<ChapterPurchasedCqrsEvent> {
    handle(_event: ChapterPurchasedCqrsEvent): void {
      counter.hit();
    }
  }
  return ChapterPurchasedCqrsHandler;
}

/**
 * `@nestjs/cqrs` with `handlers` `@EventsHandler` classes. `publish` returns nothing: it pushes into an RxJS
 * Subject, so completion is known only by counting handler calls. The event instance is built once, unless `fresh`:
 * then every publish is `bus.publish(new Event({ ... }))`, the fair anchor of our factory-built publish.
 */
export async function startCqrs(handlers: number, fresh = false): Promise<InProcessSubject> {
  const counter = new CompletionCounter();
  const app = await NestFactory.createApplicationContext(
    {
      module: CqrsBenchModule,
      imports: [CqrsModule.forRoot()],
      providers: Array.from({ length: handlers }, () => handlerClass(counter)),
    },
    { logger: false },
  );
  const bus = app.get(CqrsEventBus);
  const event = new ChapterPurchasedCqrsEvent(samplePurchase());
  const run = fresh ? () => bus.publish(new ChapterPurchasedCqrsEvent(samplePurchase())) : () => bus.publish(event);
  return {
    workload: { run, expect: (operations) => counter.expect(operations * handlers) },
    close: async () => {
      await app.close();
      counter.verify();
    },
  };
}
