import { Injectable, Module, type Type } from '@nestjs/common';
import { EventBus, OnDomainEvent, type DomainEvent } from '@webnovel/events';
import { BullMqDelivery } from '@webnovel/events-bullmq';
import type { RedisOptions } from 'bullmq';
import { EVENT_TYPE, EVENTS_IN_FLIGHT, WORKER_CONCURRENCY, type DeliverySubject } from '../bullmq/delivery.subject.js';
import { CompletionCounter } from '../support/completion-counter.js';
import { runWindowed } from '../support/load.js';
import { startObservedApp, type ObservabilityMode } from './observed-app.js';

export interface ObservedBullMqSubject extends DeliverySubject {
  readonly mode: ObservabilityMode;
  /** See `ObservedApp.activate`. */
  activate(): void;
}

// Declared in functions so each application gets its own classes and counter: nothing static is shared.
function benchModule(): Type<unknown> {
  @Module({})
  class ObservabilityBullMqBenchModule {}
  return ObservabilityBullMqBenchModule;
}

function oneHandler(onCall: () => void): Type<unknown> {
  @Injectable()
  class NoopHandler {
    @OnDomainEvent(EVENT_TYPE, { name: 'Bench.noop' })
    async handle(_event: DomainEvent): Promise<void> {
      onCall();
    }
  }
  return NoopHandler;
}

/**
 * `throughput.ours` of the BullMQ bench (our bus, `BullMqDelivery` with its default Redis inbox, concurrency 100, one
 * no-op async handler, workers in this process) with observability as `mode` says. `close` checks that the `on`
 * application's metrics and statistics counted every publish and every handler run.
 */
export async function startObservedBullMq({
  connection,
  prefix,
  mode,
}: {
  connection: RedisOptions;
  prefix: string;
  mode: Exclude<ObservabilityMode, 'on-sdk'>;
}): Promise<ObservedBullMqSubject> {
  const counter = new CompletionCounter();
  let handled = 0;
  let published = 0;
  const delivery = new BullMqDelivery({ connection, prefix, concurrency: WORKER_CONCURRENCY });
  const observed = await startObservedApp({
    mode,
    module: benchModule(),
    events: { unknownEvents: 'allow', defaultMode: 'async', logHandlers: false, delivery },
    providers: [
      oneHandler(() => {
        handled++;
        counter.hit();
      }),
    ],
  });
  const { app } = observed;
  try {
    const bus = app.get(EventBus);
    await bus.waitUntilReady();
    return {
      mode,
      handlers: 1,
      counter,
      activate: observed.activate,
      // The driver coalesces the jobs of concurrent publishes into one addBulk per event-loop turn, up to 500 jobs.
      sendAll: (events: readonly DomainEvent[]) => {
        published += events.length;
        return runWindowed(events.length, EVENTS_IN_FLIGHT, (i) => bus.publish(events[i]!));
      },
      sendOne: (event: DomainEvent) => {
        published++;
        return bus.publish(event);
      },
      close: async () => {
        try {
          counter.verify();
          await observed.verify(published, handled);
        } finally {
          await app.close();
        }
      },
    };
  } catch (error) {
    await app.close();
    throw error;
  }
}
