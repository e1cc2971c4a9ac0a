import { Injectable, Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventBus, EventsModule, OnDomainEvent, createDomainEvent, type DomainEvent, type EventsModuleOptions } from '@webnovel/events';
import { CompletionCounter } from '../support/completion-counter.js';
import { OBSERVABILITY_OFF } from '../support/observability-off.js';
import {
  CHAPTER_PURCHASED,
  chapterPurchased,
  chapterPurchasedV1,
  samplePurchase,
  type ChapterPurchasedPayload,
} from './chapter-purchased.payload.js';
import type { InProcessSubject } from './in-process.subject.js';

/**
 * - `prebuilt`: no catalog (`unknownEvents: 'allow'`), one event from `createDomainEvent` published N times.
 * - `validated`: a catalog with one definition, so `publish` runs class-validator; one factory-built event.
 * - `validated-fresh`: as `validated`, but every publish builds its event with the factory (id, clock, freeze).
 */
export type DomainEventsVariant = 'prebuilt' | 'validated' | 'validated-fresh';

@Module({})
class DomainEventsBenchModule {}

// Declared in a function so each application gets its own classes and counter: nothing static is shared.
export function handlerClass(index: number, counter: CompletionCounter): Type<unknown> {
  @Injectable()
  class ChapterPurchasedHandler {
    @OnDomainEvent(CHAPTER_PURCHASED, { name: `bench.chapter_purchased.${index}` })
    handle(_event: DomainEvent<ChapterPurchasedPayload>): void {
      counter.hit();
    }
  }
  return ChapterPurchasedHandler;
}

/** Our `EventBus` with `handlers` sync `@OnDomainEvent` handlers in a real application context. */
export async function startDomainEvents(handlers: number, variant: DomainEventsVariant): Promise<InProcessSubject> {
  const counter = new CompletionCounter();
  const options: EventsModuleOptions =
    variant === 'prebuilt'
      ? { source: 'bench', unknownEvents: 'allow', logHandlers: false, ...OBSERVABILITY_OFF }
      : { source: 'bench', catalog: [chapterPurchasedV1], logHandlers: false, ...OBSERVABILITY_OFF };
  const app = await NestFactory.createApplicationContext(
    {
      module: DomainEventsBenchModule,
      imports: [EventsModule.forRoot(options)],
      providers: Array.from({ length: handlers }, (_, i) => handlerClass(i, counter)),
    },
    { logger: false },
  );
  const bus = app.get(EventBus);
  await bus.waitUntilReady();
  const event =
    variant === 'prebuilt' ? createDomainEvent({ type: CHAPTER_PURCHASED, data: samplePurchase() }) : chapterPurchased(samplePurchase());
  const run =
    variant === 'validated-fresh'
      ? (): Promise<void> => bus.publish(chapterPurchased(samplePurchase()))
      : (): Promise<void> => bus.publish(event);
  return {
    workload: { run, expect: (operations) => counter.expect(operations * handlers) },
    close: async () => {
      await app.close();
      counter.verify();
    },
  };
}
