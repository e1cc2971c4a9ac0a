import type { DomainEvent } from './domain-event.interface.js';
import type { RetryPolicyOptions } from './retry-policy-options.interface.js';

/** `'sync'` runs inside `publish`; `'async'` runs off the publisher's path through the delivery driver. */
export type HandlerMode = 'sync' | 'async';

/** One pattern or several: exact types, `*` for one segment (`user.*`), or `*` alone for every event. */
export type EventPattern = string | readonly string[];

/** Options of `@OnDomainEvent` and `EventBus.subscribe`. */
export interface DomainEventHandlerOptions {
  /**
   * The handler's stable id. Queues and consumer groups derive from it, so renaming it is a breaking change.
   * Letters, digits, `.`, `_` and `-` only.
   * @default 'ClassName.methodName'
   */
  name?: string;
  /** @default the module's `defaultMode`, which defaults to `'sync'` */
  mode?: HandlerMode;
  /** Overrides the module's retry defaults for this handler. */
  retry?: RetryPolicyOptions;
  /**
   * The version of the event this handler takes; older events are upcast to it. Only with one exact type (no
   * wildcard). Events are never downcast, so bootstrap fails when a newer version of the type is registered.
   * @default the latest version the catalog registers
   */
  version?: number;
}

/** What a handler receives beside the event. */
export interface HandlerContext {
  /** The handler's name. */
  readonly handler: string;
  /** 1 on the first run, then 2, 3... on retries. */
  readonly attempt: number;
  readonly mode: HandlerMode;
}

/** A handler function: return a promise to make `publish` (sync mode) or the delivery (async mode) wait. */
export type DomainEventHandlerFn<TEvent extends DomainEvent = DomainEvent> = (event: TEvent, context: HandlerContext) => unknown;

/** A handler as the registry keeps it. */
export interface RegisteredHandler {
  readonly name: string;
  readonly patterns: readonly string[];
  readonly mode: HandlerMode;
  readonly retry: RetryPolicyOptions | undefined;
  /** The version it takes when it names one; otherwise the latest registered version of each type. */
  readonly version?: number;
  /** Where it was declared: `Class.method` or `subscribe()`. */
  readonly origin: string;
  readonly invoke: DomainEventHandlerFn;
}
