import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import { createDomainEvent, EventBus, EventLog, EventsModule } from '@webnovel/events';
import { RedisRecentEventCache } from '@webnovel/events-redis';
import { TcpProxy, waitFor } from '@webnovel/testing';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

const quiet = { log() {}, warn() {}, error() {}, debug() {}, verbose() {} };

describe('Redis outage under the recent-event cache', () => {
  const proxy = new TcpProxy(6379);
  let url: string;
  before(async () => {
    url = `redis://127.0.0.1:${await proxy.start()}`;
  });
  after(async () => proxy.stop());

  it('keeps publishing while Redis is down, counts each failed cache write, and caches again once it is back', async () => {
    const cache = new RedisRecentEventCache({ url, keyPrefix: `test:outage:${process.pid}:${Date.now()}:` });
    const moduleRef = await Test.createTestingModule({
      imports: [EventsModule.forRoot({ unknownEvents: 'allow', store: 'memory', recentCache: cache })],
    })
      .setLogger(quiet)
      .compile();
    const app = await moduleRef.init();
    const bus = app.get(EventBus);
    const log = app.get(EventLog);
    const handled: string[] = [];
    bus.subscribe('order.placed', (e) => void handled.push(e.id));

    const first = createDomainEvent({ type: 'order.placed', data: { n: 1 } });
    await bus.publish(first);
    await waitFor(async () => (await bus.recentEvents('order.placed')).length === 1, { description: 'the first event in the cache' });

    proxy.cut();
    const during = [
      createDomainEvent({ type: 'order.placed', data: { n: 2 } }),
      createDomainEvent({ type: 'order.placed', data: { n: 3 } }),
    ];
    for (const event of during) await bus.publish(event);
    assert.deepEqual(handled, [first.id, ...during.map((e) => e.id)], 'publishing must not depend on the cache');
    await waitFor(() => log.stats.cacheFailures === 2, { timeoutMs: 10_000, description: 'both failed cache writes to be counted' });
    for (const event of during) assert.ok(await log.store!.getById(event.id), 'the log still has every event');

    proxy.restore();
    // Fail-fast clients reject while ioredis reconnects in the background; wait for it rather than count on timing.
    await waitFor(() => bus.recentEvents('order.placed').then(() => true), {
      timeoutMs: 10_000,
      description: 'Redis to be reachable again',
    });
    const last = createDomainEvent({ type: 'order.placed', data: { n: 4 } });
    await bus.publish(last);
    await waitFor(async () => (await bus.recentEvents('order.placed'))[0]?.id === last.id, {
      timeoutMs: 10_000,
      description: 'the cache to work again',
    });
    assert.equal(log.stats.cacheFailures, 2);
    await app.close();
  });
});
