import 'reflect-metadata';
import { Injectable, type Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  DeadLetters,
  EventsInstrumentation,
  EventBus,
  EventDeliveryUnavailableError,
  EventsModule,
  OnDomainEvent,
  createDomainEvent,
  type DomainEvent,
} from '@webnovel/events';
import { TcpProxy, deferred, waitFor, withTimeout } from '@webnovel/testing';
import { Redis } from 'ioredis';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { after, describe, it } from 'node:test';
import { BullMqDelivery } from './bullmq.delivery.js';
import { quiet, deleteKeysUnder } from './test/redis.fixture.js';

const redisHost = process.env.REDIS_HOST ?? '127.0.0.1';
const redisPort = Number(process.env.REDIS_PORT ?? 6379);
/** How long a publish may take to report the outage: the producer clients do not queue commands while offline. */
const FAIL_FAST_MS = 3000;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A loopback proxy that can also hold traffic, as a hung network does: `hold()` stops forwarding either way (what
 * clients send meanwhile is counted and dropped), so a command can be caught in flight before `cut()` drops it.
 */
class HoldingProxy {
  heldBytes = 0;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private state: 'pass' | 'hold' | 'refuse' = 'pass';

  async start(): Promise<number> {
    this.server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return (this.server!.address() as AddressInfo).port;
  }

  hold(): void {
    this.state = 'hold';
  }

  cut(): void {
    this.state = 'refuse';
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  restore(): void {
    this.state = 'pass';
  }

  async stop(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private accept(client: Socket): void {
    if (this.state === 'refuse') return void client.destroy();
    const upstream = connect(redisPort, redisHost);
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      this.sockets.add(from);
      from.on('data', (chunk: Buffer) => (this.state === 'pass' ? to.write(chunk) : from === client && (this.heldBytes += chunk.length)));
      from.on('error', () => to.destroy());
      from.on('close', () => {
        this.sockets.delete(from);
        to.destroy();
      });
    }
  }
}

const event = (n: number) => createDomainEvent({ type: 'book.purchased', data: { n }, source: 'redis-outage' });

describe('BullMQ delivery: Redis outage', () => {
  const redis = new Redis({ host: redisHost, port: redisPort });
  const prefixes: string[] = [];
  /** Run in reverse: let traffic through again first, or closing the app would wait on Redis forever. */
  const cleanups: (() => Promise<unknown> | unknown)[] = [];

  after(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    for (const prefix of prefixes) await deleteKeysUnder(redis, prefix);
    await redis.quit();
  });

  async function start(port: number, providers: Type[], options: { workers?: boolean; commandTimeoutMs?: number } = {}) {
    const prefix = `fault-${randomUUID().slice(0, 8)}`;
    prefixes.push(prefix);
    const delivery = new BullMqDelivery({ connection: { host: '127.0.0.1', port }, prefix, queueName: 'outage-events', ...options });
    const moduleRef = await Test.createTestingModule({
      imports: [EventsModule.forRoot({ unknownEvents: 'allow', defaultMode: 'async', delivery })],
      providers,
    })
      .setLogger(quiet)
      .compile();
    const app = await moduleRef.init();
    cleanups.push(() => app.close());
    return { bus: app.get(EventBus), monitor: app.get(EventsInstrumentation), deadLetters: app.get(DeadLetters) };
  }

  it('rejects publish with EventDeliveryUnavailableError while Redis is away, and delivers again once it is back', async (t) => {
    const proxy = new TcpProxy(redisPort, redisHost);
    const port = await proxy.start();
    cleanups.push(() => proxy.stop());
    const handled: string[] = [];
    const secondHandled = deferred();
    @Injectable()
    class Receiver {
      @OnDomainEvent('book.purchased', { name: 'Outage.receiver' })
      run(e: DomainEvent) {
        handled.push(e.id);
        if (handled.length === 2) secondHandled.resolve();
      }
    }
    const { bus, monitor, deadLetters } = await start(port, [Receiver]);
    cleanups.push(() => proxy.restore());

    // Healthy first, so the outage hits clients that were connected.
    const before = event(1);
    await bus.publish(before);
    await waitFor(() => handled.length === 1, { description: 'the first event to be handled' });

    // A client of our own through the proxy: once it has seen the connection close, so have the driver's clients,
    // whose sockets were closed in the same cut (this test is about publishing during a known outage).
    const observer = new Redis({ host: '127.0.0.1', port, retryStrategy: () => null });
    cleanups.push(() => observer.disconnect());
    await observer.ping();
    const observerClosed = once(observer, 'close');
    proxy.cut();
    await withTimeout(observerClosed, 5000, 'the connections through the proxy to close');
    const lost = event(2);
    const cutAt = performance.now();
    const rejection = await withTimeout(
      bus.publish(lost).then(
        () => assert.fail('publish resolved while Redis was unreachable'),
        (error: unknown) => error,
      ),
      FAIL_FAST_MS,
      'publish to fail fast while Redis is unreachable',
    );
    t.diagnostic(`publish rejected ${(performance.now() - cutAt).toFixed(0)} ms into the outage: ${(rejection as Error).message}`);
    assert.ok(rejection instanceof EventDeliveryUnavailableError, `got ${String(rejection)}`);
    assert.equal(rejection.driver, 'BullMQ');
    assert.equal(rejection.eventType, 'book.purchased');
    assert.equal(rejection.eventId, lost.id);
    assert.ok(rejection.cause instanceof Error, 'the driver error is kept as the cause');
    assert.match(
      rejection.message,
      new RegExp(`^The BullMQ delivery could not accept "book\\.purchased" \\(${escape(lost.id)}\\) for its async handlers: `),
    );
    assert.ok(rejection.message.includes(rejection.cause.message), 'the message carries the driver error');

    proxy.restore();
    // The clients reconnect in the background; wait until the queues answer rather than count on timing.
    await waitFor(() => deadLetters.counts().then(() => true), { timeoutMs: 15_000, description: 'the queues to be reachable again' });
    const later = event(3);
    await withTimeout(bus.publish(later), 5000, 'publish after the outage');
    await withTimeout(secondHandled.promise, 15_000, 'the handler to run after the outage');
    await waitFor(async () => (await deadLetters.counts()).every((c) => c.waiting + c.active + c.delayed === 0), {
      description: 'the queue to drain',
    });
    assert.deepEqual(handled, [before.id, later.id], 'the rejected event was not enqueued; the later one ran once');
    assert.equal(monitor.deliveryStats().success, 2);
    assert.equal((await deadLetters.list()).total, 0);
  });

  // A command already written when the connection drops is parked by ioredis and resent after the reconnect; neither
  // `enableOfflineQueue: false` nor maxRetriesPerRequest fails it. The producers' command timeout bounds the wait.
  it('rejects a publish whose enqueue was in flight when Redis went away within a few seconds', async (t) => {
    const proxy = new HoldingProxy();
    const port = await proxy.start();
    cleanups.push(() => proxy.stop());
    @Injectable()
    class ProducerSide {
      @OnDomainEvent('book.purchased', { name: 'Outage.inflight' })
      run() {}
    }
    // A producer only: with no worker polling, the only traffic while held is the enqueue itself.
    const { bus, deadLetters } = await start(port, [ProducerSide], { workers: false, commandTimeoutMs: 1000 });
    cleanups.push(() => proxy.restore());
    await bus.publish(event(1));

    proxy.hold();
    const inFlight = event(2);
    const outcome = bus.publish(inFlight).then(
      () => 'resolved' as const,
      (error: unknown) => error,
    );
    // Once the proxy has swallowed the enqueue, it is in flight: written, never answered.
    await waitFor(() => proxy.heldBytes > 0, { description: 'the enqueue to be sent' });
    proxy.cut();
    const cutAt = performance.now();
    try {
      const settled = await withTimeout(outcome, FAIL_FAST_MS, 'the in-flight publish to settle while Redis is unreachable');
      t.diagnostic(`in-flight publish settled ${(performance.now() - cutAt).toFixed(0)} ms into the outage`);
      assert.ok(settled instanceof EventDeliveryUnavailableError, `got ${String(settled)}`);
      assert.equal(settled.eventId, inFlight.id);
    } finally {
      // Bounded either way: bring Redis back so the parked command can finish before the app closes.
      proxy.restore();
      const late = await withTimeout(outcome, 15_000, 'the parked publish to finish once Redis is back');
      t.diagnostic(`after the outage the in-flight publish ${late === 'resolved' ? 'resolved (resent on reconnect)' : String(late)}`);
      await waitFor(() => deadLetters.counts().then(() => true), { timeoutMs: 15_000, description: 'Redis to be reachable again' });
    }
  });
});
