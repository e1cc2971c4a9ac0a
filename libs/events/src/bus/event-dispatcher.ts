import { Inject, Injectable } from '@nestjs/common';
import { HandlersFailedError, type HandlerFailure } from '../errors/handlers-failed.error.js';
import { deserializeEvent } from '../event/event.serializer.js';
import { EVENT_DELIVERY, RESOLVED_EVENTS_OPTIONS } from '../events.constants.js';
import type { DomainEvent } from '../interfaces/domain-event.interface.js';
import type { DeliveryHost, EventDelivery } from '../interfaces/event-delivery.interface.js';
import type { RegisteredHandler } from '../interfaces/handler.interface.js';
import type { ResolvedEventsOptions } from '../options/events-options.resolver.js';
import { HandlerRegistry } from '../registry/handler.registry.js';
import { RetryPolicy } from '../retry/retry-policy.js';
import { DeliveryMonitor } from './delivery.monitor.js';
import { HandlerErrorReporter } from './handler-error.reporter.js';

const RESOLVED = Promise.resolve();

/** A failed sync run, with the handler itself for the retry queue. */
interface SyncFailure extends HandlerFailure {
  readonly registered: RegisteredHandler;
}
const failure = (registered: RegisteredHandler, event: DomainEvent, error: unknown): SyncFailure => ({
  handler: registered.name,
  event,
  error,
  registered,
});
const noop = (): void => undefined;
const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  value !== null &&
  (typeof value === 'object' || typeof value === 'function') &&
  typeof (value as PromiseLike<unknown>).then === 'function';

/**
 * Hands one event to the handlers it reaches: sync ones run here, isolated from each other; async ones go to
 * the delivery driver. Shared by `publish`, the outbox relay and replay, so all three behave alike.
 */
@Injectable()
export class EventDispatcher {
  private readonly policies = new WeakMap<RegisteredHandler, RetryPolicy>();

  constructor(
    @Inject(RESOLVED_EVENTS_OPTIONS) private readonly options: ResolvedEventsOptions,
    @Inject(EVENT_DELIVERY) private readonly delivery: EventDelivery,
    private readonly registry: HandlerRegistry,
    private readonly reporter: HandlerErrorReporter,
    private readonly monitor: DeliveryMonitor,
  ) {}

  /**
   * Resolves when every sync handler has finished and the delivery driver has accepted the async ones.
   * @throws HandlersFailedError naming every failed sync handler; the others have still run
   */
  dispatch(event: DomainEvent): Promise<void> {
    const route = this.registry.route(event.type);
    const accepted = route.async.length > 0 ? this.delivery.deliver(event, route.async) : undefined;
    let failures: SyncFailure[] | undefined;
    let pending: Promise<void>[] | undefined;
    for (let i = 0; i < route.sync.length; i++) {
      const handler = route.sync[i]!;
      try {
        const result = handler.invoke(event, route.syncContexts[i]!);
        if (isThenable(result)) {
          const settled = Promise.resolve(result).then(
            noop,
            (error: unknown) => void (failures ??= []).push(failure(handler, event, error)),
          );
          (pending ??= []).push(settled);
        }
      } catch (error) {
        (failures ??= []).push(failure(handler, event, error));
      }
    }
    if (pending === undefined && accepted === undefined) return failures === undefined ? RESOLVED : this.settleSyncFailures(failures);
    if (accepted !== undefined) (pending ??= []).push(accepted);
    return Promise.all(pending!).then(() => (failures === undefined ? undefined : this.settleSyncFailures(failures)));
  }

  /**
   * With `syncFailures: 'retry'`, hands each failed pair to the delivery driver's retry queue and resolves; pairs the
   * driver cannot take, and every pair with the default `'throw'`, reject the publish.
   */
  private async settleSyncFailures(failures: readonly SyncFailure[]): Promise<void> {
    if (this.options.syncFailures === 'throw') throw new HandlersFailedError(failures);
    const failedAt = new Date();
    const refused = await Promise.all(
      failures.map((f) =>
        this.delivery.retry(f.event, f.registered, { error: f.error, attempts: 1, firstFailedAt: failedAt }).then(
          () => undefined,
          () => f,
        ),
      ),
    );
    const left = refused.filter((f): f is SyncFailure => f !== undefined);
    if (left.length > 0) throw new HandlersFailedError(left);
  }

  /** Starts the delivery driver with a host that calls back into this application. */
  startDelivery(): Promise<void> | void {
    return this.delivery.start(this.deliveryHost());
  }

  closeDelivery(timeoutMs: number): Promise<void> {
    return this.delivery.close(timeoutMs);
  }

  private deliveryHost(): DeliveryHost {
    return {
      handler: (name) => this.registry.get(name),
      revive: (input) => deserializeEvent(input, this.options.catalog),
      run: async (handler, event, context) => {
        await handler.invoke(event, context);
      },
      retryPolicy: (handler) => this.retryPolicy(handler),
      record: (record) => this.monitor.record(record),
      reportFailure: (handler, event, error, attempt) => this.reporter.report(handler.name, event, error, attempt),
      deadLettered: (letter, error, durationMs) => {
        const { handler, event, attempts } = letter;
        this.monitor.record({ handler, event, outcome: 'dead_lettered', attempt: attempts, durationMs, error });
        this.reporter.report(handler, event, error, attempts, letter);
      },
    };
  }

  private retryPolicy(handler: RegisteredHandler): RetryPolicy {
    let policy = this.policies.get(handler);
    if (policy === undefined) {
      policy = RetryPolicy.merge(this.options.retry, handler.retry);
      this.policies.set(handler, policy);
    }
    return policy;
  }
}
