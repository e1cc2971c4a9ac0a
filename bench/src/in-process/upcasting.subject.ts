import { Injectable, Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventBus, EventsModule, OnDomainEvent, type DomainEvent } from '@webnovel/events';
import { CompletionCounter } from '../support/completion-counter.js';
import { OBSERVABILITY_OFF } from '../support/observability-off.js';
import { CHAPTER_PURCHASED } from './chapter-purchased.payload.js';
import {
  CHAPTER_PURCHASED_UPCASTERS,
  CHAPTER_PURCHASED_VERSIONS,
  ChapterPurchasedV3Payload,
  samplePurchaseEvent,
  type ChapterPurchasedVersion,
} from './chapter-purchased-versions.payload.js';
import type { InProcessSubject } from './in-process.subject.js';

@Module({})
class UpcastingBenchModule {}

/** What the handler last received, for the check that every publish really upcasts. */
interface LastReceived {
  event: DomainEvent | undefined;
}

// Declared in a function so each application gets its own class and counter: nothing static is shared.
function handlerClass(counter: CompletionCounter, last: LastReceived): Type<unknown> {
  @Injectable()
  class ChapterPurchasedLatestHandler {
    // No version given: it takes the latest registered, v3.
    @OnDomainEvent(CHAPTER_PURCHASED, { name: 'bench.chapter_purchased.latest' })
    handle(event: DomainEvent<ChapterPurchasedV3Payload>): void {
      last.event = event;
      counter.hit();
    }
  }
  return ChapterPurchasedLatestHandler;
}

/**
 * Our `EventBus` with the catalog at v1, v2 and v3, upcasters 1→2 and 2→3, and one sync handler of v3. Publishes one
 * factory-built event of `version` (class-validator on, as in `validated`), so a v1 event is upcast two steps before
 * the handler runs, a v2 event one step, and a v3 event none.
 *
 * The event has no `source`, so `prepare` stamps the configured one on a fresh frozen copy at every publish: the
 * upcast memo (a WeakMap keyed by that copy) never hits, and every publish really upcasts. A check before the
 * measurement proves it: two publishes must reach the handler as two different v3 objects.
 */
export async function startUpcasting(version: ChapterPurchasedVersion): Promise<InProcessSubject> {
  const counter = new CompletionCounter();
  const last: LastReceived = { event: undefined };
  const app = await NestFactory.createApplicationContext(
    {
      module: UpcastingBenchModule,
      imports: [
        EventsModule.forRoot({
          source: 'bench',
          catalog: CHAPTER_PURCHASED_VERSIONS,
          upcasters: CHAPTER_PURCHASED_UPCASTERS,
          logHandlers: false,
          ...OBSERVABILITY_OFF,
        }),
      ],
      providers: [handlerClass(counter, last)],
    },
    { logger: false },
  );
  const bus = app.get(EventBus);
  await bus.waitUntilReady();
  const event = samplePurchaseEvent(version);
  const run = (): Promise<void> => bus.publish(event);
  try {
    await checkEveryPublishUpcasts(run, counter, last);
  } catch (error) {
    await app.close();
    throw error;
  }
  return {
    workload: { run, expect: (operations) => counter.expect(operations) },
    close: async () => {
      await app.close();
      counter.verify();
    },
  };
}

async function checkEveryPublishUpcasts(run: () => Promise<void>, counter: CompletionCounter, last: LastReceived): Promise<void> {
  const done = counter.expect(2);
  await run();
  const first = last.event;
  await run();
  await done;
  const second = last.event;
  const upcast = (e: DomainEvent | undefined): boolean =>
    e?.version === 3 && e.data instanceof ChapterPurchasedV3Payload && e.data.channel === 'web' && e.data.taxMinor === 0;
  if (!upcast(first) || !upcast(second)) throw new Error('the handler did not receive the event as a valid v3');
  if (first === second) throw new Error('two publishes reached the handler as one object: the bench would time the upcast memo');
}
