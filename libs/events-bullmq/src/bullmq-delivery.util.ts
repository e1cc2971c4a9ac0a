import type { DeadLetterErrorInfo, DomainEvent, SerializedDomainEvent } from '@webnovel/events';
import type { Job } from 'bullmq';
import { Command, Redis, type RedisOptions as IORedisOptions } from 'ioredis';

/** The handler's error as BullMQ kept it: the message and the stack, whose first line names the class. */
export function failedJobError(job: Job): DeadLetterErrorInfo {
  const stack = job.stacktrace?.at(-1);
  const name = /^([A-Za-z_$][\w$]*)(?::|$)/.exec(stack ?? '')?.[1] ?? 'Error';
  return { name, message: job.failedReason ?? '', ...(stack ? { stack } : {}) };
}

/** A client of ours from options; `url` is BullMQ's spelling, which ioredis takes as a separate argument. */
export function ownClient(connection: IORedisOptions & { url?: string }): Redis {
  const { url, ...rest } = connection;
  return url ? new Redis(url, { ...rest, lazyConnect: true }) : new Redis({ ...rest, lazyConnect: true });
}

export function isClient(connection: unknown): connection is Redis {
  return typeof (connection as Redis).duplicate === 'function';
}

/** The job's copy of the envelope; BullMQ stringifies it, so only `occurredAt` needs its JSON form here. */
export function toJobEvent(event: DomainEvent): SerializedDomainEvent {
  return { ...event, occurredAt: event.occurredAt.toISOString() };
}

/**
 * Sends PING on a producer's client and settles within `timeoutMs` whatever state the connection is in. The timer
 * starts before the client is handed out (BullMQ does that only once connected), and ioredis rejects a timed-out
 * command even while it waits in the offline queue of a reconnecting client, which a client shared with us may have.
 */
export async function pingRedis(client: Promise<unknown>, timeoutMs: number): Promise<void> {
  const ping = new Command('ping', [], { replyEncoding: 'utf8' });
  ping.setTimeout(timeoutMs);
  await Promise.race([client.then((redis) => (redis as Redis).sendCommand(ping)), ping.promise]);
}
