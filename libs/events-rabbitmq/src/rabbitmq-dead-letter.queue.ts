import {
  type DeadLetter,
  type DeadLetterFilter,
  type DeadLetterPage,
  type DeadLetterPageRequest,
  type DeadLetterQueue,
  type DomainEvent,
  type TransportHost,
} from '@webnovel/events';
import { deadLetterIds, deliveryLimitReason, pageDeadLetters, transportDeadLetterId, undecodableEnvelope } from '@webnovel/events/internal';
import type { Channel, Connection, SyncMessage } from 'rabbitmq-client';
import { forwardedEnvelope, HEADER, rawBody, revivable, undecodableOf } from './rabbitmq.message.js';
import type { RabbitMqTopology } from './rabbitmq.topology.js';

/** What the dead-letter queue needs from its transport, read at each call (the connection exists once started). */
export interface DeadLetterContext {
  connection(): Connection;
  host(): TransportHost;
  topology(): RabbitMqTopology;
  handler(): string;
  readonly deliveryLimit: number;
  readonly maxDeadLetters: number;
  withTimeout<T>(operation: string, work: Promise<T>): Promise<T>;
}

interface Entry {
  readonly message: SyncMessage;
  readonly letter: DeadLetter;
}

// Broker bookkeeping that must not travel with a reprocessed message: it is a new delivery.
const DROPPED_HEADERS = /^x-(death|first-death-|last-death-|delivery-count|dead-letter)/;

const seconds = (v: unknown): string | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? new Date(v * 1000).toISOString() : v instanceof Date ? v.toISOString() : undefined;

/**
 * The service's dead letters, read from `<queue>.dead-letter`. RabbitMQ cannot look into a queue, so each call
 * browses it: `basic.get` without acknowledging, up to `maxDeadLetters`, then the channel closes and every message
 * goes back in order. That suits operator-sized queues; calls run one at a time so two browses never hide messages
 * from each other. Reprocess republishes the raw message to the service queue (it may decode now, after a deploy that
 * learned a newer version) and then acknowledges it; remove only acknowledges it.
 */
export class RabbitMqDeadLetterQueue implements DeadLetterQueue {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly context: DeadLetterContext) {}

  async list(filter: DeadLetterFilter, page: Required<DeadLetterPageRequest>): Promise<DeadLetterPage> {
    return this.browse('listing dead letters', async (entries) =>
      pageDeadLetters(
        entries.map((e) => e.letter),
        filter,
        page,
      ),
    );
  }

  async get(id: string): Promise<DeadLetter | undefined> {
    return this.browse('reading a dead letter', async (entries) => entries.find((e) => e.letter.id === id)?.letter);
  }

  async ids(filter: DeadLetterFilter): Promise<string[]> {
    return this.browse('listing dead letters', async (entries) =>
      deadLetterIds(
        entries.map((e) => e.letter),
        filter,
      ),
    );
  }

  async reprocess(id: string): Promise<boolean> {
    return this.browse(
      'reprocessing a dead letter',
      async (entries, channel) => {
        const entry = entries.find((e) => e.letter.id === id);
        if (entry === undefined) return false;
        const { message } = entry;
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).filter(([key]) => !DROPPED_HEADERS.test(key)));
        // Straight to the service queue through the default exchange: other services already had their copy.
        await channel.basicPublish(forwardedEnvelope(message, '', this.context.topology().queue, headers), rawBody(message.body));
        channel.basicAck({ deliveryTag: message.deliveryTag });
        return true;
      },
      true,
    );
  }

  async remove(id: string): Promise<boolean> {
    return this.browse('removing a dead letter', async (entries, channel) => {
      const entry = entries.find((e) => e.letter.id === id);
      if (entry === undefined) return false;
      channel.basicAck({ deliveryTag: entry.message.deliveryTag });
      return true;
    });
  }

  private browse<T>(operation: string, visit: (entries: Entry[], channel: Channel) => Promise<T>, confirm = false): Promise<T> {
    const run = async () => {
      const channel = await this.context.withTimeout(operation, this.context.connection().acquire());
      try {
        if (confirm) await channel.confirmSelect();
        const entries: Entry[] = [];
        const queue = this.context.topology().deadLetterQueue;
        while (entries.length < this.context.maxDeadLetters) {
          const message = await this.context.withTimeout(operation, channel.basicGet({ queue }));
          if (message === undefined) break;
          entries.push({ message, letter: this.letterOf(message) });
        }
        return await visit(entries, channel);
      } finally {
        // Closing the channel returns every message read and not acknowledged, in order.
        await channel.close().catch(() => undefined);
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private letterOf(message: SyncMessage): DeadLetter {
    const headers = (message.headers ?? {}) as Record<string, unknown>;
    let event: DomainEvent;
    try {
      event = this.context.host().revive(revivable(message.body));
    } catch {
      event = undecodableEnvelope(undecodableOf(message));
    }
    const deaths = Array.isArray(headers['x-death']) ? (headers['x-death'] as Record<string, unknown>[]) : [];
    const death = deaths[0];
    const reason = typeof headers[HEADER.reason] === 'string' ? (headers[HEADER.reason] as string) : String(death?.reason ?? 'unknown');
    const error =
      typeof headers[HEADER.errorMessage] === 'string'
        ? { name: String(headers[HEADER.errorName] ?? 'Error'), message: headers[HEADER.errorMessage] as string }
        : reason === 'delivery_limit'
          ? { name: 'DeliveryLimitExceeded', message: deliveryLimitReason(this.context.deliveryLimit) }
          : { name: 'DeadLettered', message: `RabbitMQ dead-lettered the message (reason: ${reason}).` };
    // The broker's dead-lettered copy carries no delivery count; past the limit means limit + 1 deliveries.
    const attempts = Number(headers[HEADER.attempts]) || (reason === 'delivery_limit' ? this.context.deliveryLimit + 1 : 1);
    const at = (headers[HEADER.deadLetteredAt] as string | undefined) ?? seconds(death?.time) ?? new Date().toISOString();
    return {
      id: transportDeadLetterId(event.id, this.context.handler()),
      event,
      handler: this.context.handler(),
      queue: this.context.topology().deadLetterQueue,
      error,
      attempts,
      firstFailedAt: at,
      lastFailedAt: at,
      deadLetteredAt: at,
    };
  }
}
