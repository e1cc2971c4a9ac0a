import { createHash } from 'node:crypto';
import { deliveryPairId } from '../delivery/delivery-pair.js';
import { compareDeadLetters, matchesDeadLetterFilter } from '../delivery/dead-letter.query.js';
import { deepFreeze } from '../event/deep-freeze.util.js';
import type { DeadLetter, DeadLetterFilter, DeadLetterPage, DeadLetterPageRequest } from '../interfaces/dead-letter.interface.js';
import type { DomainEvent } from '../interfaces/domain-event.interface.js';

/**
 * The pseudo-handler a transport files its dead letters under: `<transport>.<service>`, such as
 * `rabbitmq.user-service`. A transport's dead letter is a message the service could not take at all, so no real
 * handler is involved; the name keeps the ids in the `<event id>.<handler>` shape of every other dead letter.
 */
export function transportHandlerName(transport: string, service: string): string {
  return `${transport}.${service}`;
}

/** What is known of a message that could not be decoded: its raw body and whatever the transport carried beside it. */
export interface UndecodableMessage {
  /** The body as received: text, or the parsed JSON value when the transport parsed it. */
  readonly body: unknown;
  /** The transport's message id (the event id, when a sound producer sent it). */
  readonly messageId?: string;
  readonly type?: string;
  readonly version?: number;
  readonly source?: string;
  readonly correlationId?: string;
  readonly causationId?: string | null;
  readonly occurredAt?: Date;
  readonly metadata?: Readonly<Record<string, string>>;
}

const rawText = (body: unknown): string =>
  typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : JSON.stringify(body);

/**
 * A stable id for a message: its message id, or `h<sha256 of the body>` when it has none, so browsing the same dead
 * letter twice yields the same id.
 */
export function transportMessageId(message: Pick<UndecodableMessage, 'messageId' | 'body'>): string {
  if (message.messageId) return message.messageId;
  return `h${createHash('sha256').update(rawText(message.body)).digest('hex').slice(0, 40)}`;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * A best-effort envelope for a dead letter whose body is not a sound event: the fields the body has when it is an
 * object, else those the transport carried (message id, type, headers), else placeholders (type `'invalid'`,
 * version 1, now). `data` is the raw body as text when it was not JSON, else the body's own `data` (or the whole
 * body when it has none), so an operator sees exactly what arrived.
 */
export function undecodableEnvelope(message: UndecodableMessage): DomainEvent {
  const raw =
    message.body !== null && typeof message.body === 'object' && !Buffer.isBuffer(message.body)
      ? (message.body as Record<string, unknown>)
      : undefined;
  const id = text(raw?.id) ?? transportMessageId(message);
  const occurredAt = typeof raw?.occurredAt === 'string' ? new Date(raw.occurredAt) : message.occurredAt;
  const metadata =
    raw?.metadata !== null && typeof raw?.metadata === 'object' ? (raw.metadata as Record<string, string>) : message.metadata;
  return deepFreeze({
    id,
    type: text(raw?.type) ?? message.type ?? 'invalid',
    version: typeof raw?.version === 'number' ? raw.version : (message.version ?? 1),
    occurredAt: occurredAt && !Number.isNaN(occurredAt.getTime()) ? occurredAt : new Date(),
    source: text(raw?.source) ?? message.source ?? '',
    correlationId: text(raw?.correlationId) ?? message.correlationId ?? id,
    causationId: text(raw?.causationId) ?? message.causationId ?? null,
    data: raw === undefined ? rawText(message.body) : 'data' in raw ? raw.data : raw,
    metadata: { ...(metadata ?? {}) },
  }) as DomainEvent;
}

/** The dead-letter id of a transport message: `<event id>.<transport>.<service>` (see `deliveryPairId`). */
export function transportDeadLetterId(eventId: string, handler: string): string {
  return deliveryPairId(eventId, handler);
}

/** Filters, sorts (newest first) and pages dead letters a transport browsed from its broker. */
export function pageDeadLetters(
  letters: readonly DeadLetter[],
  filter: DeadLetterFilter,
  page: Required<DeadLetterPageRequest>,
): DeadLetterPage {
  const matching = letters.filter((letter) => matchesDeadLetterFilter(letter, filter)).sort(compareDeadLetters);
  return { items: matching.slice(page.offset, page.offset + page.limit), total: matching.length };
}

/** Ids of the dead letters that match, newest first. */
export function deadLetterIds(letters: readonly DeadLetter[], filter: DeadLetterFilter): string[] {
  return letters
    .filter((letter) => matchesDeadLetterFilter(letter, filter))
    .sort(compareDeadLetters)
    .map((letter) => letter.id);
}

/** The delay before a failed message is handed back to the broker: `initialMs × 2^(deliveries − 1)`, capped at `maxMs`. */
export function redeliveryDelay(deliveries: number, initialMs: number, maxMs: number): number {
  return Math.min(maxMs, initialMs * 2 ** Math.max(0, Math.min(30, deliveries - 1)));
}
