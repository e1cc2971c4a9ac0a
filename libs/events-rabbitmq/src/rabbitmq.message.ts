import { serializeEvent, type DomainEvent } from '@webnovel/events';
import { type UndecodableMessage } from '@webnovel/events/internal';
import type { AsyncMessage, Envelope, SyncMessage } from 'rabbitmq-client';

/** Headers this transport sets beside the event's metadata. Metadata keys never override them. */
export const HEADER = {
  version: 'event-version',
  source: 'event-source',
  causationId: 'causation-id',
  /** Set on messages moved to the dead-letter queue by the transport (not by the broker). */
  reason: 'x-dead-letter-reason',
  errorName: 'x-dead-letter-error-name',
  errorMessage: 'x-dead-letter-error',
  deadLetteredAt: 'x-dead-lettered-at',
  attempts: 'x-dead-letter-attempts',
} as const;

/**
 * The AMQP envelope of an event: persistent (delivery mode 2), `messageId` = event id, `type`, `correlationId`,
 * `timestamp` (occurredAt, seconds), `appId` = source, JSON content type, and headers for the version, the source,
 * the causation id and every metadata entry (`traceparent` included).
 */
export function envelopeOf(event: DomainEvent, exchange: string): Envelope {
  const headers: Record<string, string | number> = { ...event.metadata, [HEADER.version]: event.version, [HEADER.source]: event.source };
  if (event.causationId !== null) headers[HEADER.causationId] = event.causationId;
  return {
    exchange,
    routingKey: event.type,
    durable: true,
    messageId: event.id,
    type: event.type,
    correlationId: event.correlationId,
    timestamp: Math.floor(event.occurredAt.getTime() / 1000),
    contentType: 'application/json',
    appId: event.source,
    headers,
  };
}

/** The body of an event: the JSON envelope, as bytes so the client sends it as is. */
export function bodyOf(event: DomainEvent): Buffer {
  return Buffer.from(serializeEvent(event));
}

/**
 * What the host can revive: the parsed JSON the client produced (for `application/json`), or the text. Anything else
 * (bytes that are not UTF-8 JSON) is given as text too, and fails revival as it should.
 */
export function revivable(body: unknown): string | object {
  if (Buffer.isBuffer(body)) return body.toString('utf8');
  if (typeof body === 'string' || (body !== null && typeof body === 'object')) return body;
  return String(body);
}

/** The raw bytes of a received body, to publish it again unchanged in meaning. */
export function rawBody(body: unknown): Buffer {
  if (Buffer.isBuffer(body)) return body;
  return Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** What the AMQP properties say about an event whose body could not be decoded. */
export function undecodableOf(message: AsyncMessage | SyncMessage): UndecodableMessage {
  const headers = (message.headers ?? {}) as Record<string, unknown>;
  const metadata: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers))
    if (typeof value === 'string' && !key.startsWith('x-') && !Object.values(HEADER).includes(key as never)) metadata[key] = value;
  const version = Number(headers[HEADER.version]);
  return {
    body: Buffer.isBuffer(message.body) ? message.body.toString('utf8') : message.body,
    messageId: str(message.messageId),
    type: str(message.type),
    version: Number.isInteger(version) && version >= 1 ? version : undefined,
    source: str(message.appId) ?? str(headers[HEADER.source]),
    correlationId: str(message.correlationId),
    causationId: str(headers[HEADER.causationId]) ?? null,
    occurredAt: typeof message.timestamp === 'number' ? new Date(message.timestamp * 1000) : undefined,
    metadata,
  };
}

/**
 * The envelope that sends a received message on again, to `exchange` with `routingKey`, persistent, with its own
 * properties and the given headers: a dead letter moved aside, or reprocessed back to its queue.
 */
export function forwardedEnvelope(
  message: AsyncMessage | SyncMessage,
  exchange: string,
  routingKey: string,
  headers: Record<string, unknown>,
): Envelope {
  return {
    exchange,
    routingKey,
    durable: true,
    messageId: message.messageId,
    type: message.type,
    correlationId: message.correlationId,
    timestamp: message.timestamp,
    contentType: message.contentType,
    appId: message.appId,
    headers,
  };
}
