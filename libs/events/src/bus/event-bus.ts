import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { toPayloadInstance } from '../catalog/event-definition.js';
import { payloadViolations } from '../catalog/payload.validator.js';
import { HandlerExplorer } from '../discovery/handler.explorer.js';
import { EventBusClosedError } from '../errors/event-bus-closed.error.js';
import { EventValidationError } from '../errors/event-validation.error.js';
import { InvalidHandlerOptionsError } from '../errors/handler-registration.error.js';
import { HandlersFailedError, type HandlerFailure } from '../errors/handlers-failed.error.js';
import { InvalidEventEnvelopeError } from '../errors/invalid-event-envelope.error.js';
import { UnknownEventTypeError, UnknownEventVersionError } from '../errors/unknown-event-type.error.js';
import { withEnvelope } from '../event/domain-event.js';
import { envelopeViolations } from '../event/envelope.validator.js';
import { EVENT_DELIVERY, EVENTS_LOGGER_CONTEXT, RESOLVED_EVENTS_OPTIONS } from '../events.constants.js';
import type { DomainEvent } from '../interfaces/domain-event.interface.js';
import type { DeliveryHost, EventDelivery } from '../interfaces/event-delivery.interface.js';
import type {
  DomainEventHandlerFn,
  DomainEventHandlerOptions,
  EventPattern,
  HandlerContext,
  RegisteredHandler,
} from '../interfaces/handler.interface.js';
import { handlerProblems } from '../options/handler-options.validator.js';
import type { ResolvedEventsOptions } from '../options/events-options.resolver.js';
import { toPatternList } from '../registry/event-pattern.js';
import { HandlerRegistry } from '../registry/handler.registry.js';
import { HandlerErrorReporter, type UnhandledHandlerError } from './handler-error.reporter.js';

const RESOLVED = Promise.resolve();
const noop = (): void => undefined;
const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  value !== null &&
  (typeof value === 'object' || typeof value === 'function') &&
  typeof (value as PromiseLike<unknown>).then === 'function';

/**
 * Publishes domain events to their handlers. Sync handlers run inside `publish`; async handlers go to the
 * delivery driver. Events published before discovery finishes wait for it instead of being lost.
 */
@Injectable()
export class EventBus implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(EVENTS_LOGGER_CONTEXT);
  private readonly syncContexts = new WeakMap<RegisteredHandler, HandlerContext>();
  private subscriptionCount = 0;
  private closed = false;

  constructor(
    @Inject(RESOLVED_EVENTS_OPTIONS) private readonly options: ResolvedEventsOptions,
    @Inject(EVENT_DELIVERY) private readonly delivery: EventDelivery,
    private readonly registry: HandlerRegistry,
    private readonly explorer: HandlerExplorer,
    private readonly reporter: HandlerErrorReporter,
  ) {}

  /** Failures of async handlers, after the delivery driver gave up on them. */
  get unhandledErrors$(): Observable<UnhandledHandlerError> {
    return this.reporter.errors$;
  }

  /** Resolves once every decorated handler is registered and the delivery driver has started. */
  waitUntilReady(): Promise<void> {
    return this.registry.ready;
  }

  async onModuleInit(): Promise<void> {
    for (const handler of this.explorer.explore()) {
      this.registry.register(handler);
      if (this.options.logHandlers) this.logger.log(`${handler.origin} -> ${handler.patterns.join(', ')} [${handler.mode}]`);
    }
    await this.delivery.start(this.deliveryHost());
    this.registry.markReady();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.closed = true;
    await this.delivery.close(this.options.shutdownTimeoutMs);
  }

  /**
   * Validates the event, runs its sync handlers and hands it to the delivery driver for async ones.
   * Resolves when every sync handler has finished.
   *
   * @throws InvalidEventEnvelopeError, UnknownEventTypeError, UnknownEventVersionError or EventValidationError
   *   before anything is dispatched
   * @throws HandlersFailedError naming every sync handler that failed; the others have still run
   */
  publish(event: DomainEvent): Promise<void> {
    if (this.closed) return Promise.reject(new EventBusClosedError(event?.type));
    if (!this.registry.isReady) return this.registry.ready.then(() => this.publish(event));
    let prepared: DomainEvent;
    try {
      prepared = this.prepare(event);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.dispatch(prepared);
  }

  /**
   * Publishes several events in order. Every event is validated before the first is dispatched, so an
   * invalid one rejects the whole batch with nothing dispatched.
   *
   * @throws HandlersFailedError with the failures of every event, after all were dispatched
   */
  async publishAll(events: readonly DomainEvent[]): Promise<void> {
    if (this.closed) throw new EventBusClosedError(events[0]?.type);
    await this.registry.ready;
    const prepared = events.map((event) => this.prepare(event));
    const failures: HandlerFailure[] = [];
    for (const event of prepared) {
      await this.dispatch(event).catch((error: unknown) => {
        if (!(error instanceof HandlersFailedError)) throw error;
        failures.push(...error.failures);
      });
    }
    if (failures.length > 0) throw new HandlersFailedError(failures);
  }

  /**
   * Registers a handler function at runtime and returns the function that removes it.
   * @throws InvalidHandlerOptionsError for a bad pattern or option; DuplicateHandlerNameError for a taken name
   */
  subscribe<TEvent extends DomainEvent = DomainEvent>(
    pattern: EventPattern,
    handler: DomainEventHandlerFn<TEvent>,
    options: DomainEventHandlerOptions = {},
  ): () => void {
    const patterns = toPatternList(pattern);
    const problems = handlerProblems(patterns, options);
    if (typeof handler !== 'function') problems.push('handler must be a function');
    if (problems.length > 0) throw new InvalidHandlerOptionsError(`subscribe(${JSON.stringify(pattern)})`, problems);
    const name = options.name ?? `subscribe.${++this.subscriptionCount}`;
    return this.registry.register(
      Object.freeze({
        name,
        patterns,
        mode: options.mode ?? this.options.defaultMode,
        retry: options.retry,
        origin: 'subscribe()',
        invoke: handler as DomainEventHandlerFn,
      }),
    );
  }

  /** Envelope check, catalog check, payload validation and `source` stamping. Returns the event to dispatch. */
  private prepare(event: DomainEvent): DomainEvent {
    const violations = envelopeViolations(event);
    if (violations.length > 0) throw new InvalidEventEnvelopeError(violations);
    const { catalog } = this.options;
    const definition = catalog.get(event.type, event.version);
    let prepared = event;
    if (definition === undefined) {
      if (catalog.has(event.type)) throw new UnknownEventVersionError(event.type, event.version, catalog.versions(event.type));
      if (this.options.unknownEvents === 'reject') throw new UnknownEventTypeError(event.type);
    } else if (this.options.validatePayloads) {
      if (event.data === null || typeof event.data !== 'object') {
        throw new EventValidationError(event.type, event.version, [
          { path: 'data', constraint: 'isObject', message: `data must be an object shaped like ${definition.payload.name}` },
        ]);
      }
      const payload = toPayloadInstance(definition.payload, event.data);
      const payloadProblems = payloadViolations(payload);
      if (payloadProblems.length > 0) throw new EventValidationError(event.type, event.version, payloadProblems);
      if (payload !== event.data) prepared = withEnvelope(prepared, { data: payload });
    }
    return prepared.source === '' ? withEnvelope(prepared, { source: this.options.source }) : prepared;
  }

  private dispatch(event: DomainEvent): Promise<void> {
    const route = this.registry.route(event.type);
    const accepted = route.async.length > 0 ? this.delivery.deliver(event, route.async) : undefined;
    let failures: HandlerFailure[] | undefined;
    let pending: Promise<void>[] | undefined;
    for (const handler of route.sync) {
      try {
        const result = handler.invoke(event, this.syncContext(handler));
        if (isThenable(result)) {
          const settled = Promise.resolve(result).then(
            noop,
            (error: unknown) => void (failures ??= []).push({ handler: handler.name, event, error }),
          );
          (pending ??= []).push(settled);
        }
      } catch (error) {
        (failures ??= []).push({ handler: handler.name, event, error });
      }
    }
    if (pending === undefined && accepted === undefined) {
      return failures === undefined ? RESOLVED : Promise.reject(new HandlersFailedError(failures));
    }
    if (accepted !== undefined) (pending ??= []).push(accepted);
    return Promise.all(pending!).then(() => {
      if (failures !== undefined) throw new HandlersFailedError(failures);
    });
  }

  private syncContext(handler: RegisteredHandler): HandlerContext {
    let context = this.syncContexts.get(handler);
    if (context === undefined) {
      context = Object.freeze({ handler: handler.name, attempt: 1, mode: 'sync' as const });
      this.syncContexts.set(handler, context);
    }
    return context;
  }

  private deliveryHost(): DeliveryHost {
    return {
      handler: (name) => this.registry.get(name),
      run: async (handler, event, context) => {
        await handler.invoke(event, context);
      },
      reportFailure: (handler, event, error, attempt) => this.reporter.report(handler.name, event, error, attempt),
    };
  }
}
