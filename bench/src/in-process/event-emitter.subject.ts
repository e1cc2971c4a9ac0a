import { Injectable, Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventEmitter2, EventEmitterModule, OnEvent } from '@nestjs/event-emitter';
import { CompletionCounter } from '../support/completion-counter.js';
import { CHAPTER_PURCHASED, samplePurchase } from './chapter-purchased.payload.js';
import type { InProcessSubject } from './in-process.subject.js';

/** `emitAsync` resolves when every listener's promise has; `emit` is synchronous and returns a boolean. */
export type EmitMethod = 'emitAsync' | 'emit';

@Module({})
class EventEmitterBenchModule {}

function listenerClass(counter: CompletionCounter): Type<unknown> {
  @Injectable()
  class ChapterPurchasedListener {
    @OnEvent(CHAPTER_PURCHASED)
    handle(_payload: unknown): void {
      counter.hit();
    }
  }
  return ChapterPurchasedListener;
}

/** `@nestjs/event-emitter` with `handlers` sync `@OnEvent` listeners; the payload object is built once. */
export async function startEventEmitter(handlers: number, method: EmitMethod): Promise<InProcessSubject> {
  const counter = new CompletionCounter();
  const app = await NestFactory.createApplicationContext(
    {
      module: EventEmitterBenchModule,
      imports: [EventEmitterModule.forRoot()],
      providers: Array.from({ length: handlers }, () => listenerClass(counter)),
    },
    { logger: false },
  );
  const emitter = app.get(EventEmitter2);
  const payload = samplePurchase();
  const run =
    method === 'emitAsync'
      ? (): Promise<unknown[]> => emitter.emitAsync(CHAPTER_PURCHASED, payload)
      : (): boolean => emitter.emit(CHAPTER_PURCHASED, payload);
  return {
    workload: { run, expect: (operations) => counter.expect(operations * handlers) },
    close: async () => {
      await app.close();
      counter.verify();
    },
  };
}
