// The evidence behind the choice of AMQP client (see the README): a real broker restart (`rabbitmqctl stop_app`, then
// `start_app`) under amqplib 2.x and rabbitmq-client 5.x, each doing what the transport needs: a confirm channel, a
// topology, a consumer. It asserts what each client did, so an upgrade that changes the behaviour fails here.
import { waitFor } from '@webnovel/testing';
import * as amqplib from 'amqplib';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Connection } from 'rabbitmq-client';
import { createVhost, listRows, withBrokerStopped, type TestVhost } from './test/rabbitmq.fixture.js';

const EXCHANGE = 'probe.events';
// A transient queue does not survive the restart: it is back afterwards only if the client redeclared the topology.
const QUEUE = 'probe.transient';

/** What one client did across the restart. */
interface Finding {
  reconnected: boolean;
  topologyRedeclared: boolean;
  consumerReattached: boolean;
  /** Publishes attempted while the broker was down: how each settled, and the slowest settlement. */
  outage: { confirmed: number; rejected: number; pending: number; slowestMs: number };
  publishAfterRecovery: 'confirmed' | 'rejected';
}

const OUTAGE_PUBLISHES = 10;
/** Longer than any client's own timeout we set, shorter than the test's budget. */
const SETTLE_MS = 3_000;

/** Starts every publish, then waits up to SETTLE_MS for each, counting how it settled. */
async function attempt(publishes: (() => Promise<unknown>)[]): Promise<Finding['outage']> {
  const result = { confirmed: 0, rejected: 0, pending: 0, slowestMs: 0 };
  const started = Date.now();
  await Promise.all(
    publishes.map(async (publish) => {
      let timer: NodeJS.Timeout | undefined;
      const outcome = await Promise.race([
        Promise.resolve()
          .then(publish)
          .then(
            () => 'confirmed' as const,
            () => 'rejected' as const,
          ),
        new Promise<'pending'>((resolve) => (timer = setTimeout(() => resolve('pending'), SETTLE_MS))),
      ]);
      clearTimeout(timer);
      result[outcome]++;
      if (outcome !== 'pending') result.slowestMs = Math.max(result.slowestMs, Date.now() - started);
    }),
  );
  return result;
}

async function queueExists(vhost: TestVhost): Promise<boolean> {
  return (await listRows(vhost.name, 'queues', 'name')).some(([name]) => name === QUEUE);
}

async function probeAmqplib(vhost: TestVhost): Promise<Finding> {
  let connection = await amqplib.connect(vhost.url);
  let closed = false;
  connection.on('error', () => undefined);
  connection.on('close', () => (closed = true));
  const channel = await connection.createConfirmChannel();
  channel.on('error', () => undefined);
  await channel.assertExchange(EXCHANGE, 'topic', { durable: true });
  await channel.assertQueue(QUEUE, { durable: false });
  await channel.bindQueue(QUEUE, EXCHANGE, '#');
  const received: string[] = [];
  await channel.consume(QUEUE, (msg) => {
    if (msg) {
      received.push(msg.content.toString());
      channel.ack(msg);
    }
  });
  const publish = (body: string) =>
    new Promise<void>((resolve, reject) => {
      channel.publish(EXCHANGE, 'probe.sent', Buffer.from(body), { persistent: true }, (error) => (error ? reject(error) : resolve()));
    });
  const outage = await withBrokerStopped(async () => {
    await waitFor(() => closed, { timeoutMs: 10_000, description: 'amqplib to see the connection close' });
    return attempt(Array.from({ length: OUTAGE_PUBLISHES }, (_, i) => () => publish(`outage-${i}`)));
  });
  // amqplib has no recovery: give it the time rabbitmq-client needs, then look.
  const reconnected = await waitFor(() => !closed, { timeoutMs: 5_000 }).then(
    () => true,
    () => false,
  );
  const topologyRedeclared = await queueExists(vhost);
  const publishAfterRecovery = await publish('after').then(
    () => 'confirmed' as const,
    () => 'rejected' as const,
  );
  // What an application has to do itself: a new connection, a new channel, the topology again.
  connection = await amqplib.connect(vhost.url);
  await connection.close();
  return { reconnected, topologyRedeclared, consumerReattached: received.includes('after'), outage, publishAfterRecovery };
}

async function probeRabbitmqClient(vhost: TestVhost): Promise<Finding> {
  const rabbit = new Connection({ url: vhost.url, retryLow: 100, retryHigh: 1_000, acquireTimeout: 2_000 });
  rabbit.on('error', () => undefined);
  let connections = 0;
  rabbit.on('connection', () => connections++);
  const received: string[] = [];
  const consumer = rabbit.createConsumer(
    {
      queue: QUEUE,
      queueOptions: { durable: false },
      exchanges: [{ exchange: EXCHANGE, type: 'topic', durable: true }],
      queueBindings: [{ queue: QUEUE, exchange: EXCHANGE, routingKey: '#' }],
    },
    (msg) => void received.push(String(msg.body)),
  );
  consumer.on('error', () => undefined);
  let ready = 0;
  consumer.on('ready', () => ready++);
  const publisher = rabbit.createPublisher({ confirm: true, exchanges: [{ exchange: EXCHANGE, type: 'topic', durable: true }] });
  const publish = (body: string) => publisher.send({ exchange: EXCHANGE, routingKey: 'probe.sent', durable: true }, body);
  await waitFor(() => ready === 1, { timeoutMs: 5_000, description: 'the consumer' });
  await publish('before');
  await waitFor(() => received.includes('before'), { description: 'the first message' });
  const outage = await withBrokerStopped(async () => {
    await waitFor(() => !rabbit.ready, { timeoutMs: 10_000, description: 'rabbitmq-client to see the connection drop' });
    return attempt(Array.from({ length: OUTAGE_PUBLISHES }, (_, i) => () => publish(`outage-${i}`)));
  });
  const reconnected = await waitFor(() => connections >= 2, { timeoutMs: 20_000 }).then(
    () => true,
    () => false,
  );
  await waitFor(() => ready >= 2, { timeoutMs: 20_000 }).catch(() => undefined);
  const topologyRedeclared = await queueExists(vhost);
  const publishAfterRecovery = await publish('after').then(
    () => 'confirmed' as const,
    () => 'rejected' as const,
  );
  const consumerReattached = await waitFor(() => received.includes('after'), { timeoutMs: 5_000 }).then(
    () => true,
    () => false,
  );
  await publisher.close();
  await consumer.close();
  await rabbit.close();
  return { reconnected, topologyRedeclared, consumerReattached, outage, publishAfterRecovery };
}

describe('AMQP clients across a broker restart', { timeout: 120_000 }, () => {
  let vhost: TestVhost;
  before(async () => (vhost = await createVhost('client-probe')));
  after(() => vhost.delete());

  it('amqplib 2.x: the connection dies with the broker and nothing comes back by itself', async (t) => {
    const finding = await probeAmqplib(vhost);
    t.diagnostic(`amqplib: ${JSON.stringify(finding)}`);
    assert.equal(finding.reconnected, false);
    assert.equal(finding.topologyRedeclared, false);
    assert.equal(finding.consumerReattached, false);
    // The old channel is dead for good: a publish on it fails at once, during and after the outage.
    assert.equal(finding.outage.rejected, OUTAGE_PUBLISHES);
    assert.equal(finding.publishAfterRecovery, 'rejected');
  });

  it('rabbitmq-client 5.x: reconnects, redeclares the topology, reattaches the consumer', async (t) => {
    const finding = await probeRabbitmqClient(vhost);
    t.diagnostic(`rabbitmq-client: ${JSON.stringify(finding)}`);
    assert.equal(finding.reconnected, true);
    assert.equal(finding.topologyRedeclared, true);
    assert.equal(finding.consumerReattached, true);
    assert.equal(finding.publishAfterRecovery, 'confirmed');
    // No publish made while the broker was down was confirmed; each was rejected once acquireTimeout (2 s) passed.
    assert.equal(finding.outage.confirmed, 0);
    assert.equal(finding.outage.rejected + finding.outage.pending, OUTAGE_PUBLISHES);
  });
});
