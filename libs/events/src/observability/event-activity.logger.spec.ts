import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import { RecordingLogger, waitFor } from '@webnovel/testing';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EventBus } from '../bus/event-bus.js';
import { createDomainEvent } from '../event/domain-event.js';
import { EventsModule } from '../events.module.js';
import type { EventsModuleOptions } from '../interfaces/events-module-options.interface.js';

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const traced = (type: string) =>
  createDomainEvent({ type, data: {}, correlationId: 'flow-1', metadata: { traceparent: `00-${TRACE_ID}-b7ad6b7169203331-01` } });

async function start(options: EventsModuleOptions = {}) {
  const logger = new RecordingLogger();
  const moduleRef = await Test.createTestingModule({
    imports: [
      EventsModule.forRoot({
        unknownEvents: 'allow',
        logHandlers: false,
        // Without an SDK the spans would not change the metadata anyway; off keeps the given traceparent as is.
        tracing: false,
        retry: { maxAttempts: 2, initialDelayMs: 1, jitter: 'none' },
        ...options,
      }),
    ],
  })
    .setLogger(logger)
    .compile();
  const app = await moduleRef.init();
  return { app, bus: app.get(EventBus), logger };
}

describe('structured event log lines', () => {
  it('logs each publish and each handler run as one debug line carrying the ids', async () => {
    const { app, bus, logger } = await start();
    bus.subscribe('user.registered', () => undefined, { name: 'Mail.welcome' });
    const event = traced('user.registered');
    await bus.publish(event);
    const ids = { event_id: event.id, event_type: 'user.registered', event_version: 1, correlation_id: 'flow-1', trace_id: TRACE_ID };

    const [published] = logger.lines('debug', 'event published');
    assert.deepEqual(
      { ...published, duration_ms: typeof published!.duration_ms },
      { msg: 'event published', ...ids, duration_ms: 'number' },
    );
    const [handled] = logger.lines('debug', 'event handled');
    assert.deepEqual(
      { ...handled, duration_ms: typeof handled!.duration_ms },
      { msg: 'event handled', ...ids, handler: 'Mail.welcome', mode: 'sync', outcome: 'success', attempt: 1, duration_ms: 'number' },
    );
    assert.ok((handled!.duration_ms as number) >= 0);
    await app.close();
  });

  it('warns on a failed attempt that will be retried and logs the dead letter as one error line with the stack', async () => {
    const { app, bus, logger } = await start();
    bus.subscribe(
      'order.placed',
      () => {
        throw new Error('card declined');
      },
      { name: 'Billing.charge', mode: 'async' },
    );
    const event = traced('order.placed');
    await bus.publish(event);
    await waitFor(() => logger.lines('error').length === 1, { description: 'the dead-letter line' });

    const [retry] = logger.lines('warn');
    assert.equal(retry!.msg, 'event handler failed; will retry');
    assert.equal(retry!.event_id, event.id);
    assert.equal(retry!.handler, 'Billing.charge');
    assert.equal(retry!.attempt, 1);
    assert.equal(retry!.outcome, 'retried');
    assert.equal(retry!.trace_id, TRACE_ID);
    assert.deepEqual({ ...(retry!.error as object), stack: undefined }, { name: 'Error', message: 'card declined', stack: undefined });

    const [dead] = logger.lines('error');
    assert.equal(dead!.msg, 'event handler dead-lettered');
    assert.equal(dead!.attempt, 2);
    assert.equal(dead!.outcome, 'dead_lettered');
    assert.equal(dead!.dead_letter_id, `${event.id}.Billing.charge`);
    assert.equal(dead!.correlation_id, 'flow-1');
    assert.equal(typeof dead!.duration_ms, 'number');
    assert.match((dead!.error as { stack: string }).stack, /card declined\n\s+at /);
    assert.equal(logger.lines('warn').length, 1, 'the final failure is not logged twice');
    await app.close();
  });

  it('warns on a failed sync handler and on a rejected publish', async () => {
    const { app, bus, logger } = await start();
    bus.subscribe('a.b', () => {
      throw new Error('boom');
    });
    await assert.rejects(bus.publish(traced('a.b')));
    const warnings = logger.lines('warn');
    assert.deepEqual(
      warnings.map((w) => [w.msg, w.outcome]),
      [
        ['event handler failed', 'failure'],
        ['event publish failed', undefined],
      ],
    );
    logger.clear();
    await assert.rejects(bus.publish({ ...traced('a.b'), type: 'Not A Type' }));
    const [rejected] = logger.lines('warn');
    assert.equal(rejected!.msg, 'event publish failed');
    assert.equal(rejected!.event_type, 'invalid');
    assert.equal((rejected!.error as { name: string }).name, 'InvalidEventEnvelopeError');
    await app.close();
  });

  it('uses the configured level, and false keeps only the dead-letter error', async () => {
    const atLog = await start({ eventLogLevel: 'log' });
    atLog.bus.subscribe('a.b', () => undefined);
    await atLog.bus.publish(traced('a.b'));
    assert.deepEqual(
      atLog.logger.lines('log').map((l) => l.msg),
      ['event handled', 'event published'],
    );
    assert.deepEqual(atLog.logger.lines('debug'), []);
    await atLog.app.close();

    const off = await start({ eventLogLevel: false, retry: { maxAttempts: 1 } });
    off.bus.subscribe('a.b', () => undefined);
    off.bus.subscribe(
      'a.b',
      () => {
        throw new Error('down');
      },
      { name: 'Down.run', mode: 'async' },
    );
    await off.bus.publish(traced('a.b'));
    await waitFor(() => off.logger.lines('error').length === 1, { description: 'the dead-letter line' });
    assert.deepEqual(
      off.logger.lines().map((l) => l.msg),
      ['event handler dead-lettered'],
    );
    await off.app.close();
  });
});
