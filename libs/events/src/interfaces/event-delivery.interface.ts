import type { DomainEvent } from './domain-event.interface.js';
import type { RetryPolicy } from '../retry/retry-policy.js';
import type { HandlerContext, RegisteredHandler } from './handler.interface.js';

/** What a delivery driver may call back into. Given to `start`. */
export interface DeliveryHost {
  /** Looks a handler up by its stable name, for jobs that outlive the process that enqueued them. */
  handler(name: string): RegisteredHandler | undefined;
  /** Runs one handler on one event with the given context; rejects with whatever the handler threw. */
  run(handler: RegisteredHandler, event: DomainEvent, context: HandlerContext): Promise<void>;
  /** The handler's retry policy: the module defaults with its `@OnDomainEvent({ retry })` overrides. */
  retryPolicy(handler: RegisteredHandler): RetryPolicy;
  /** Reports a failure no retry will fix, for logging and the `unhandledErrors$` stream. */
  reportFailure(handler: RegisteredHandler, event: DomainEvent, error: unknown, attempt: number): void;
}

/**
 * The port that runs async handlers off the publisher's path: in-process by default, BullMQ jobs later.
 * Each (event, handler) pair is delivered independently.
 */
export interface EventDelivery {
  /** Called once handlers are discovered, before the first `deliver`. */
  start(host: DeliveryHost): Promise<void> | void;
  /** Hands the event to each handler. Resolves once the delivery is accepted, not when handlers finish. */
  deliver(event: DomainEvent, handlers: readonly RegisteredHandler[]): Promise<void>;
  /** Stops accepting work and waits up to `timeoutMs` for in-flight handler runs. Must be idempotent. */
  close(timeoutMs: number): Promise<void>;
}
