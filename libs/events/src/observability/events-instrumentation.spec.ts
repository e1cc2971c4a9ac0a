import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import { RecordingLogger, waitFor } from '@webnovel/testing';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EventBus } from '../bus/event-bus.js';
import { createDomainEvent } from '../event/domain-event.js';
import { EventsModule } from '../events.module.js';
import type { EventsModuleOptions } from '../interfaces/events-module-options.interface.js';
import type { EventsObserver, HandleRecord, PublishRecord, StoreAppendRecord } from '../interfaces/events-observer.interface.js';
import { InMemoryEventStore } from '../store/in-memory.event-store.js';
import { EventsInstrumentation } from './events-instrumentation.js';

async function start(options: EventsModuleOptions = {}) {
  const logger = new RecordingLogger();
  const moduleRef = await Test.createTestingModule({
    imports: [
      EventsModule.forRoot({
        unknownEvents: 'allow',
        logHandlers: false,
        store: new InMemoryEventStore(),
        eventLogLevel: false,
        ...options,
      }),
    ],
  })
    .setLogger(logger)
    .compile();
  const app = await moduleRef.init();
  return { app, bus: app.get(EventBus), instrumentation: app.get(EventsInstrumentation), logger };
}

describe('EventsInstrumentation', () => {
  it('hands every observer the publish, each handler run and the store append, until it is removed', async () => {
    const { app, bus, instrumentation } = await start();
    const seen = { published: [] as PublishRecord[], handled: [] as HandleRecord[], appended: [] as StoreAppendRecord[] };
    const remove = instrumentation.observe({
      published: (r) => void seen.published.push(r),
      handled: (r) => void seen.handled.push(r),
      appended: (r) => void seen.appended.push(r),
    });
    bus.subscribe('a.b', () => undefined, { name: 'A.sync' });
    const event = createDomainEvent({ type: 'a.b', data: {} });
    await bus.publish(event);

    assert.equal(seen.published.length, 1);
    assert.equal(seen.published[0]!.event?.id, event.id);
    assert.equal(seen.published[0]!.type, 'a.b');
    assert.ok(seen.published[0]!.durationMs >= 0);
    assert.deepEqual(
      seen.handled.map((r) => [r.handler, r.mode, r.outcome, r.attempt]),
      [['A.sync', 'sync', 'success', 1]],
    );
    assert.deepEqual(
      seen.appended.map((r) => [r.store, r.count, r.error]),
      [['InMemoryEventStore', 1, undefined]],
    );

    remove();
    await bus.publish(createDomainEvent({ type: 'a.b', data: {} }));
    assert.equal(seen.published.length, 1, 'a removed observer hears nothing more');
    await app.close();
  });

  it('reports each event of a publishAll batch, as prepared, with one append for the batch', async () => {
    const { app, bus, instrumentation } = await start();
    const published: PublishRecord[] = [];
    const appended: StoreAppendRecord[] = [];
    instrumentation.observe({ published: (r) => void published.push(r), appended: (r) => void appended.push(r) });
    const batch = [createDomainEvent({ type: 'a.b', data: {} }), createDomainEvent({ type: 'c.d', data: {} })];
    await bus.publishAll(batch);
    assert.deepEqual(
      published.map((r) => [r.type, r.event?.id, r.error]),
      [
        ['a.b', batch[0]!.id, undefined],
        ['c.d', batch[1]!.id, undefined],
      ],
    );
    assert.equal(published[0]!.event!.source, 'app', 'the prepared event, with its source stamped');
    assert.deepEqual(
      appended.map((r) => r.count),
      [2],
    );
    await assert.rejects(bus.publishAll([createDomainEvent({ type: 'a.b', data: {} }), { ...batch[0]!, type: 'Bad Type' }]));
    assert.deepEqual(
      published.slice(2).map((r) => [r.type, r.event, (r.error as Error).name]),
      [
        ['a.b', undefined, 'InvalidEventEnvelopeError'],
        ['invalid', undefined, 'InvalidEventEnvelopeError'],
      ],
    );
    await app.close();
  });

  it("reports a sync failure handed to the driver as retried, or only as the driver's dead letter when no retry is left", async () => {
    for (const [maxAttempts, expected] of [
      [
        2,
        [
          ['sync', 'retried', 1],
          ['async', 'success', 2],
        ],
      ],
      [1, [['async', 'dead_lettered', 1]]],
    ] as const) {
      const { app, bus, instrumentation } = await start({
        syncFailures: 'retry',
        retry: { maxAttempts, initialDelayMs: 1, jitter: 'none' },
      });
      const handled: HandleRecord[] = [];
      instrumentation.observe({ handled: (r) => void handled.push(r) });
      let runs = 0;
      bus.subscribe('a.b', () => {
        if (++runs === 1) throw new Error('once');
      });
      await bus.publish(createDomainEvent({ type: 'a.b', data: {} }));
      await waitFor(() => handled.length === expected.length, { description: `${expected.length} records` });
      assert.deepEqual(
        handled.map((r) => [r.mode, r.outcome, r.attempt]),
        expected,
        `maxAttempts ${maxAttempts}`,
      );
      await app.close();
    }
  });

  it('keeps the event flow going when an observer throws, and says so once', async () => {
    const { app, bus, instrumentation, logger } = await start();
    let calls = 0;
    instrumentation.observe(
      new (class Broken implements EventsObserver {
        published(): void {
          calls++;
          throw new Error('observer bug');
        }
      })(),
    );
    let handled = 0;
    bus.subscribe('a.b', () => void handled++);
    await bus.publish(createDomainEvent({ type: 'a.b', data: {} }));
    await bus.publish(createDomainEvent({ type: 'a.b', data: {} }));
    assert.equal(handled, 2);
    assert.equal(calls, 2);
    const errors = logger.entries.filter((e) => e.level === 'error').map((e) => e.message);
    assert.deepEqual(errors, ['Events observer Broken.published threw (Error: observer bug); further errors are not logged']);
    await app.close();
  });

  it('is inactive with no observer, so the bus skips its clocks', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [EventsModule.forRoot({ eventLogLevel: false, summaryWindowMinutes: 0 })],
    })
      .setLogger(new RecordingLogger())
      .compile();
    const app = await moduleRef.init();
    assert.equal(app.get(EventsInstrumentation).active, false);
    await app.close();
    const { app: withDefaults, instrumentation } = await start();
    assert.equal(instrumentation.active, true, 'the summary statistics observe by default');
    await withDefaults.close();
  });
});
