// What travels with an event between services in separate processes on the real RabbitMQ: its version (an older
// producer's v1 reaches the consumer's v2 handlers upcast) and its trace (the consumer's handler spans continue the
// publisher's trace, through the `traceparent` the bus stamps in the metadata). Consumers run sync handlers and async
// ones on BullMqDelivery, so both paths are covered.
import { waitFor } from '@webnovel/testing';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { PublishResult, SeenRun, SeenSpan } from './service-protocol.js';
import { createScope, effects, tally, type TestScope } from './transport-fixture.js';

async function seen(scope: TestScope, key: string): Promise<SeenRun> {
  return JSON.parse((await scope.redis.hget(`${scope.prefix}:seen`, key)) ?? 'null') as SeenRun;
}

describe('versions and traces across processes', { timeout: 120_000 }, () => {
  let scope: TestScope | undefined;
  afterEach(async () => {
    await scope?.dispose();
    scope = undefined;
  });

  it("upcasts an older producer's v1 event for the consuming service's v2 handlers", async () => {
    scope = await createScope('versions');
    const [legacy] = await Promise.all([
      // Its catalog stops at user.registered v1, as a service deployed before v2 existed.
      scope.start({ service: 'legacy-users', instance: 'legacy-1', catalog: 'v1' }),
      scope.start({
        service: 'mailer',
        instance: 'mailer-1',
        handlers: [
          { type: 'user.registered', mode: 'sync', name: 'welcomeSync' },
          { type: 'user.registered', mode: 'async', name: 'welcome' },
        ],
      }),
    ]);
    const { ids } = await legacy.request<PublishResult>({ cmd: 'publish', type: 'user.registered', key: 'old', count: 3 });
    await waitFor(
      async () => {
        const found = await effects(scope!);
        return tally(found, 'mailer', 'welcomeSync', ids).handled === 3 && tally(found, 'mailer', 'welcome', ids).handled === 3;
      },
      { timeoutMs: 20_000, description: 'both mailer handlers to get the three events' },
    );
    for (const [i, id] of ids.entries())
      for (const handler of ['welcomeSync', 'welcome']) {
        const run = await seen(scope, `mailer:${handler}:${id}`);
        assert.equal(run.version, 2, `${handler} got v2`);
        assert.deepEqual(run.data, {
          user_id: `old-${i}`,
          username: `reader${i}`,
          email: `old-${i}@example.com`,
          user_type: 'standard',
          referral: '',
        });
      }
  });

  it("continues the publisher's trace in the consuming service's handlers", async () => {
    scope = await createScope('traces');
    const [bookstore, finance] = await Promise.all([
      scope.start({ service: 'bookstore', instance: 'bookstore-1', tracing: true }),
      scope.start({
        service: 'finance',
        instance: 'finance-1',
        tracing: true,
        handlers: [
          { type: 'book.purchased', mode: 'sync', name: 'recordSync' },
          { type: 'book.purchased', mode: 'async', name: 'record' },
        ],
      }),
    ]);
    const {
      ids: [id],
      traceIds: [traceId],
    } = await bookstore.request<PublishResult>({ cmd: 'publish', type: 'book.purchased', count: 1, traced: true });
    const [publish] = (await bookstore.request<SeenSpan[]>({ cmd: 'spans' })).filter((s) => s.name === 'publish book.purchased');
    assert.equal(publish?.traceId, traceId, 'the publish span is part of the request trace');
    const processes = await waitFor(
      async () => {
        const spans = (await finance.request<SeenSpan[]>({ cmd: 'spans' })).filter((s) => s.name === 'process book.purchased');
        return spans.length === 2 ? spans : undefined;
      },
      { timeoutMs: 20_000, description: "finance's two handler spans" },
    );
    for (const span of processes) {
      assert.equal(span.traceId, traceId, 'same trace as the publisher');
      assert.equal(span.parentSpanId, publish!.spanId, 'a child of the publish span in the other process');
    }
    for (const handler of ['recordSync', 'record']) {
      const run = await seen(scope, `finance:${handler}:${id}`);
      assert.equal(run.traceId, traceId, `${handler} ran under the publisher's trace`);
      assert.match(run.traceparent ?? '', new RegExp(`^00-${traceId}-${publish!.spanId}-01$`));
    }
  });
});
