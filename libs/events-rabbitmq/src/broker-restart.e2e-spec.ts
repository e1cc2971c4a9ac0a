// A real broker restart (`rabbitmqctl stop_app`, then `start_app`) while events flow: publishes during the outage
// reject promptly with EventTransportUnavailableError, every publish that resolved is delivered after recovery, the
// consumer is reattached and the topology redeclared without any help.
import { createDomainEvent, EventTransportUnavailableError, type DomainEvent } from '@webnovel/events';
import { TestTransportHost } from '@webnovel/events/testing';
import { waitFor } from '@webnovel/testing';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { RabbitMqTransport } from './rabbitmq.transport.js';
import { createVhost, quiet, rabbitmqctl, type TestVhost } from './test/rabbitmq.fixture.js';

const PUBLISH_TIMEOUT_MS = 2_000;

describe('RabbitMqTransport across a broker restart', { timeout: 120_000 }, () => {
  let vhost: TestVhost;
  before(async () => (vhost = await createVhost('restart')));
  after(() => vhost.delete());

  it('rejects publishes during the outage promptly, and delivers every confirmed one after recovery', async () => {
    const host = new TestTransportHost('restart', ['book.purchased']);
    const transport = new RabbitMqTransport({
      url: vhost.url,
      logger: quiet,
      publishTimeoutMs: PUBLISH_TIMEOUT_MS,
      reconnectDelayMs: 100,
      maxReconnectDelayMs: 500,
    });
    await transport.start(host);
    const confirmed: DomainEvent[] = [];
    const rejections: { ms: number; error: unknown }[] = [];
    let stop = false;
    // The load: one publish at a time, paced so an outage (every publish rejected at once) does not spin the CPU.
    const load = (async () => {
      for (let n = 0; !stop; n++) {
        const event = createDomainEvent({ type: 'book.purchased', data: { n } });
        const started = performance.now();
        try {
          await transport.publish([event]);
          confirmed.push(event);
        } catch (error) {
          rejections.push({ ms: performance.now() - started, error });
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    try {
      await waitFor(() => host.received.length >= 20, { description: 'events flowing before the restart' });
      await rabbitmqctl('stop_app');
      try {
        await waitFor(() => rejections.length >= 10, { timeoutMs: 15_000, description: 'publishes rejected during the outage' });
      } finally {
        await rabbitmqctl('start_app');
      }
      const before = confirmed.length;
      await waitFor(() => confirmed.length >= before + 20, { timeoutMs: 30_000, description: 'publishes confirmed after recovery' });
    } finally {
      stop = true;
      await load;
    }
    const received = new Set(host.receivedIds());
    await waitFor(() => confirmed.every((e) => host.receivedIds().includes(e.id)), {
      timeoutMs: 30_000,
      description: 'every confirmed event delivered after recovery',
    });
    for (const { error, ms } of rejections) {
      assert.ok(error instanceof EventTransportUnavailableError, String(error));
      assert.equal(error.transport, 'rabbitmq');
      assert.ok(ms <= PUBLISH_TIMEOUT_MS + 500, `a publish took ${ms.toFixed(0)} ms to reject`);
    }
    const prompt = rejections.filter((r) => r.ms < 100).length;
    assert.ok(prompt >= rejections.length - 5, `${prompt} of ${rejections.length} rejected within 100 ms`);
    assert.equal(host.outcomes('publish_failed').length, rejections.length);
    // Reattached: a consumer on the queue again, and the topology (the dead-letter queue too) is back.
    const depths = await transport.depths();
    assert.deepEqual(
      depths.map((d) => [d.queue, d.consumers, d.deadLetters]),
      [['restart', 1, 0]],
    );
    assert.ok(received.size > 0);
    await transport.close(2_000);
  });
});
