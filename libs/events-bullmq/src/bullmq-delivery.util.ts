import type { DeadLetterErrorInfo, DomainEvent, SerializedDomainEvent } from '@webnovel/events';
import type { Job } from 'bullmq';
import { Redis, type RedisOptions as IORedisOptions } from 'ioredis';

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
