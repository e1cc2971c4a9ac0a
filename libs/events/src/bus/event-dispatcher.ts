import { performance } from 'node:perf_hooks';
import { Inject, Injectable } from '@nestjs/common';
import { HandlersFailedError, type HandlerFailure } from '../errors/handlers-failed.error.js';
import { deserializeEvent } from '../event/event.serializer.js';
import { EVENT_DELIVERY, RESOLVED_EVENTS_OPTIONS } from '../events.constants.js';
import type { DomainEvent } from '../interfaces/domain-event.interface.js';
import type { DeliveryHost, EventDelivery } from '../interfaces/event-delivery.interface.js';
import type { HandlerContext, RegisteredHandler } from '../interfaces/handler.interface.js';
import type { HandleOutcome } from '../interfaces/events-observer.interface.js';
import { epochMs, epochNow, EventsInstrumentation } from '../observability/events-instrumentation.js';
import { EventTracer, type EventSpan } from '../observability/event.tracer.js';
import type { ResolvedEventsOptions } from '../options/events-options.resolver.js';
import { HandlerRegistry, type HandlerRoute } from '../registry/handler.registry.js';
import { EventVersions } from '../versioning/event-versions.js';
import { RetryPolicy } from '../retry/retry-policy.js';
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
  // Routes are cached per type by the registry, and replaced when handlers change, so this follows them.
  private readonly targets = new WeakMap<HandlerRoute, readonly (number | undefined)[]>();

  constructor(
    @Inject(RESOLVED_EVENTS_OPTIONS) private readonly options: ResolvedEventsOptions,
    @Inject(EVENT_DELIVERY) private readonly delivery: EventDelivery,
    private readonly registry: HandlerRegistry,
    private readonly reporter: HandlerErrorReporter,
    private readonly instrumentation: EventsInstrumentation,
    private readonly tracer: EventTracer,
    private readonly versions: EventVersions,
  ) {}

  /**
   * Resolves when every sync handler has finished and the delivery driver has accepted the async ones. An event
   * from the transport passes `syncFailures: 'retry'`: a failed sync handler goes to the driver's retry path, never
   * back to the broker.
   * @throws HandlersFailedError naming every failed sync handler (with `'throw'`, or pairs the driver refused); the
   *   others have still run
   */
  dispatch(event: DomainEvent, syncFailures: 'throw' | 'retry' = this.options.syncFailures): Promise<void> {
    const route = this.registry.route(event.type);
    const accepted = route.async.length > 0 ? this.delivery.deliver(event, route.async) : undefined;
    let failures: SyncFailure[] | undefined;
    let pending: Promise<void>[] | undefined;
    const observed = route.sync.length > 0 && (this.tracer.enabled || this.instrumentation.active);
    const targets = route.sync.length > 0 ? this.targetsOf(route, event.type) : undefined;
    for (let i = 0; i < route.sync.length; i++) {
      const handler = route.sync[i]!;
      try {
        const context = route.syncContexts[i]!;
        const target = targets![i];
        // Upcast inside the try: a missing or failing upcaster is that handler's failure, not the publish's.
        const input = target === undefined || target === event.version ? event : this.versions.upcast(event, target, handler.name);
        const result = observed ? this.invokeObserved(handler, input, context, syncFailures) : handler.invoke(input, context);
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
    if (pending === undefined && accepted === undefined)
      return failures === undefined ? RESOLVED : this.settleSyncFailures(failures, syncFailures);
    if (accepted !== undefined) (pending ??= []).push(accepted);
    return Promise.all(pending!).then(() => (failures === undefined ? undefined : this.settleSyncFailures(failures, syncFailures)));
  }

  /**
   * Runs one handler under its consumer span and reports how it ended; the result or the error passes through
   * unchanged, so the caller's failure handling is the same as on the plain path.
   */
  private invokeObserved(
    handler: RegisteredHandler,
    event: DomainEvent,
    context: HandlerContext,
    syncFailures: 'throw' | 'retry',
  ): unknown {
    const started = performance.now();
    const span = this.tracer.enabled ? this.tracer.startHandle(event, handler.name, context.mode, context.attempt, true) : undefined;
    let result: unknown;
    try {
      result = span ? this.tracer.within(span, () => handler.invoke(event, context)) : handler.invoke(event, context);
    } catch (error) {
      this.settleObserved(handler, event, context, started, span, error, syncFailures);
      throw error;
    }
    if (!isThenable(result)) {
      this.settleObserved(handler, event, context, started, span, undefined, syncFailures);
      return result;
    }
    return Promise.resolve(result).then(
      () => this.settleObserved(handler, event, context, started, span, undefined, syncFailures),
      (error: unknown) => {
        this.settleObserved(handler, event, context, started, span, error, syncFailures);
        throw error;
      },
    );
  }

  private settleObserved(
    handler: RegisteredHandler,
    event: DomainEvent,
    context: HandlerContext,
    started: number,
    span: EventSpan | undefined,
    error: unknown,
    syncFailures: 'throw' | 'retry',
  ): void {
    const ended = performance.now();
    if (span) this.tracer.end(span, error);
    if (!this.instrumentation.active) return;
    let outcome: HandleOutcome = error === undefined ? 'success' : 'failure';
    if (error !== undefined && syncFailures === 'retry') {
      // The driver takes the pair over; when the policy allows no retry it dead-letters it at once and reports that.
      if (!this.retryPolicy(handler).shouldRetry(error, 1)) return;
      outcome = 'retried';
    }
    this.instrumentation.handled({
      handler: handler.name,
      mode: context.mode,
      event,
      outcome,
      attempt: context.attempt,
      durationMs: ended - started,
      error,
      at: epochMs(ended),
    });
  }

  /**
   * With `syncFailures: 'retry'`, hands each failed pair to the delivery driver's retry queue and resolves; pairs the
   * driver cannot take, and every pair with the default `'throw'`, reject the publish.
   */
  private async settleSyncFailures(failures: readonly SyncFailure[], syncFailures: 'throw' | 'retry'): Promise<void> {
    if (syncFailures === 'throw') throw new HandlersFailedError(failures);
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
      run: (handler, event, context) =>
        this.tracer.enabled ? this.runTraced(handler, event, context) : this.runPlain(handler, event, context),
      retryPolicy: (handler) => this.retryPolicy(handler),
      record: (record) => this.instrumentation.delivered(record),
      reportFailure: (handler, event, error, attempt) => {
        if (this.instrumentation.active)
          this.instrumentation.handled({
            handler: handler.name,
            mode: 'async',
            event,
            outcome: 'failure',
            attempt,
            durationMs: 0,
            error,
            at: epochNow(),
          });
        this.reporter.report(handler.name, event, error, attempt);
      },
      deadLettered: (letter, error, durationMs) => {
        const { handler, event, attempts } = letter;
        this.instrumentation.delivered({ handler, event, outcome: 'dead_lettered', attempt: attempts, durationMs, error });
        this.reporter.report(handler, event, error, attempts, letter, durationMs);
      },
    };
  }

  private async runPlain(handler: RegisteredHandler, event: DomainEvent, context: HandlerContext): Promise<void> {
    await handler.invoke(this.versions.forHandler(handler, event), context);
  }

  /** The version each sync handler of the route takes of `type`, computed once per route. */
  private targetsOf(route: HandlerRoute, type: string): readonly (number | undefined)[] {
    let targets = this.targets.get(route);
    if (targets === undefined) this.targets.set(route, (targets = route.sync.map((h) => this.versions.target(h, type))));
    return targets;
  }

  /** An async run under its consumer span; the driver times it and reports the outcome through `record`. */
  private async runTraced(handler: RegisteredHandler, event: DomainEvent, context: HandlerContext): Promise<void> {
    const span = this.tracer.startHandle(event, handler.name, 'async', context.attempt);
    if (span === undefined) return this.runPlain(handler, event, context);
    try {
      await this.tracer.within(span, () => handler.invoke(this.versions.forHandler(handler, event), context));
      this.tracer.end(span);
    } catch (error) {
      this.tracer.end(span, error);
      throw error;
    }
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
