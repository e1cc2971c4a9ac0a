import { Injectable, Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventBus, EventsModule, OnDomainEvent, type DomainEvent } from '@webnovel/events';
import { BullMqDelivery } from '@webnovel/events-bullmq';
import type { RedisOptions } from 'bullmq';
import { CompletionCounter } from '../support/completion-counter.js';
import { OBSERVABILITY_OFF } from '../support/observability-off.js';
import { runWindowed } from '../support/load.js';
import { EVENT_TYPE, EVENTS_IN_FLIGHT, WORKER_CONCURRENCY, type DeliverySubject } from './delivery.subject.js';

@Module({})
class BullMqBenchModule {}

// Declared in functions so each application gets its own classes and counter: nothing static is shared.
function oneHandler(counter: CompletionCounter): Type<unknown> {
  @Injectable()
  class NoopHandler {
    @OnDomainEvent(EVENT_TYPE, { name: 'Bench.noop' })
    async handle(_event: DomainEvent): Promise<void> {
      counter.hit();
    }
  }
  return NoopHandler;
}

function fiveHandlers(counter: CompletionCounter): Type<unknown> {
  @Injectable()
  class NoopHandlers {
    @OnDomainEvent(EVENT_TYPE, { name: 'Bench.noop.0' })
    async handle0(_event: DomainEvent): Promise<void> {
      counter.hit();
    }

    @OnDomainEvent(EVENT_TYPE, { name: 'Bench.noop.1' })
    async handle1(_event: DomainEvent): Promise<void> {
      counter.hit();
    }

    @OnDomainEvent(EVENT_TYPE, { name: 'Bench.noop.2' })
    async handle2(_event: DomainEvent): Promise<void> {
      counter.hit();
    }

    @OnDomainEvent(EVENT_TYPE, { name: 'Bench.noop.3' })
    async handle3(_event: DomainEvent): Promise<void> {
      counter.hit();
    }

    @OnDomainEvent(EVENT_TYPE, { name: 'Bench.noop.4' })
    async handle4(_event: DomainEvent): Promise<void> {
      counter.hit();
    }
  }
  return NoopHandlers;
}

export interface OursOptions {
  readonly connection: RedisOptions;
  readonly prefix: string;
  readonly handlers: 1 | 5;
  /** `true`: the driver's default Redis inbox; `false`: `inbox: false`. */
  readonly inbox: boolean;
}

/**
 * Our `EventBus` in a real application context, every handler async (`defaultMode: 'async'`) and delivered by
 * `BullMqDelivery`, whose workers run in this process as they would in a service.
 */
export async function startOurs({ connection, prefix, handlers, inbox }: OursOptions): Promise<DeliverySubject> {
  const counter = new CompletionCounter();
  const delivery = new BullMqDelivery({ connection, prefix, concurrency: WORKER_CONCURRENCY, ...(inbox ? {} : { inbox: false }) });
  const app = await NestFactory.createApplicationContext(
    {
      module: BullMqBenchModule,
      imports: [EventsModule.forRoot({ unknownEvents: 'allow', defaultMode: 'async', logHandlers: false, delivery, ...OBSERVABILITY_OFF })],
      providers: [handlers === 1 ? oneHandler(counter) : fiveHandlers(counter)],
    },
    { logger: false },
  );
  try {
    const bus = app.get(EventBus);
    await bus.waitUntilReady();
    return {
      handlers,
      counter,
      // The driver coalesces the jobs of concurrent publishes into one addBulk per event-loop turn, up to 500 jobs.
      sendAll: (events) => runWindowed(events.length, EVENTS_IN_FLIGHT, (i) => bus.publish(events[i]!)),
      sendOne: (event) => bus.publish(event),
      close: async () => {
        await app.close();
        counter.verify();
      },
    };
  } catch (error) {
    await app.close();
    throw error;
  }
}
