import { Module, type Type } from '@nestjs/common';
import { EventBus } from '@webnovel/events';
import { chapterPurchased, chapterPurchasedV1, samplePurchase } from '../in-process/chapter-purchased.payload.js';
import { handlerClass } from '../in-process/domain-events.subject.js';
import { CompletionCounter } from '../support/completion-counter.js';
import type { Workload } from '../support/harness.js';
import { startObservedApp, type ObservabilityMode } from './observed-app.js';

/** One observed application publishing in process; `close` verifies what it observed, then closes it. */
export interface ObservedInProcessSubject {
  readonly mode: ObservabilityMode;
  readonly handlers: number;
  readonly workload: Workload;
  /** See `ObservedApp.activate`. */
  activate(): void;
  /** Publishes so far (warm-up included): what the metrics and statistics must have counted. */
  readonly publishes: number;
  close(): Promise<void>;
}

// Declared in a function so each application gets its own module class: nothing static is shared.
function benchModule(): Type<unknown> {
  @Module({})
  class ObservabilityInProcessBenchModule {}
  return ObservabilityInProcessBenchModule;
}

/**
 * The `validated` case of the in-process bench (a catalog with one definition, so every publish runs class-validator,
 * and one factory-built event published over and over) with `handlers` sync handlers, observed as `mode` says.
 */
export async function startObservedInProcess(handlers: number, mode: ObservabilityMode): Promise<ObservedInProcessSubject> {
  const counter = new CompletionCounter();
  let calls = 0;
  const observed = await startObservedApp({
    mode,
    module: benchModule(),
    events: { source: 'bench', catalog: [chapterPurchasedV1], logHandlers: false },
    providers: Array.from({ length: handlers }, (_, i) => handlerClass(i, counter)),
  });
  const bus = observed.app.get(EventBus);
  await bus.waitUntilReady();
  const event = chapterPurchased(samplePurchase());
  return {
    mode,
    handlers,
    workload: {
      run: () => {
        calls++;
        return bus.publish(event);
      },
      expect: (operations) => counter.expect(operations * handlers),
    },
    activate: observed.activate,
    get publishes() {
      return calls;
    },
    close: async () => {
      try {
        counter.verify();
        await observed.verify(calls, calls * handlers);
      } finally {
        await observed.app.close();
      }
    },
  };
}
