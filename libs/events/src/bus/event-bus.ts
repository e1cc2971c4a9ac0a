import { performance } from 'node:perf_hooks';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { HandlerExplorer } from '../discovery/handler.explorer.js';
import { EventBusClosedError } from '../errors/event-bus-closed.error.js';
import { EventBusNotReadyError } from '../errors/event-bus-not-ready.error.js';
import { UnknownEventPatternError } from '../errors/unknown-event-pattern.error.js';
import { InvalidHandlerOptionsError } from '../errors/handler-registration.error.js';
import { EventStoreRequiredError } from '../errors/replay.error.js';
import { EVENTS_LOGGER_CONTEXT, RESOLVED_EVENTS_OPTIONS } from '../events.constants.js';
import type { DomainEvent } from '../interfaces/domain-event.interface.js';
import type { DomainEventHandlerFn, DomainEventHandlerOptions, EventPattern, RegisteredHandler } from '../interfaces/handler.interface.js';
import { handlerProblems } from '../options/handler-options.validator.js';
import type { ResolvedEventsOptions } from '../options/events-options.resolver.js';
import { toPatternList } from '../registry/event-pattern.js';
import { HandlerRegistry } from '../registry/handler.registry.js';
import { uncoveredPatterns } from '../registry/pattern-coverage.js';
import { OutboxRelay } from '../store/outbox.relay.js';
import { RetentionSweeper } from '../store/retention.sweeper.js';
import { EventDispatcher } from './event-dispatcher.js';
import { epochMs, EventsInstrumentation } from '../observability/events-instrumentation.js';
import { EventTracer, soundType, type EventSpan } from '../observability/event.tracer.js';
import { EventVersioningError } from '../errors/versioning.error.js';
import { EventVersions } from '../versioning/event-versions.js';
import { EventLog } from './event-log.js';
import { EventRouter } from './event-router.js';
import { TransportBridge } from './transport.bridge.js';
import { EventPreparer } from './event-preparer.js';
import { HandlerErrorReporter, type UnhandledHandlerError } from './handler-error.reporter.js';

/**
 * Publishes domain events to their handlers. With a store, each event is logged before any handler sees it.
 * Sync handlers run inside `publish`; async handlers go to the delivery driver. Events published before
 * discovery finishes wait for it instead of being lost.
 */
@Injectable()
export class EventBus implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(EVENTS_LOGGER_CONTEXT);
  private subscriptionCount = 0;
  private closed = false;
  // Set once Nest starts initialising this module: from then on an early publish waits for bootstrap, however long.
  private initStarted = false;
  private failBootstrap!: (error: unknown) => void;
  /** Settles with the error when bootstrap fails; never settles otherwise. */
  private readonly bootstrapFailure = new Promise<unknown>((resolve) => (this.failBootstrap = resolve));

  constructor(
    @Inject(RESOLVED_EVENTS_OPTIONS) private readonly options: ResolvedEventsOptions,
    private readonly registry: HandlerRegistry,
    private readonly explorer: HandlerExplorer,
    private readonly preparer: EventPreparer,
    private readonly dispatcher: EventDispatcher,
    private readonly router: EventRouter,
    private readonly bridge: TransportBridge,
    private readonly log: EventLog,
    private readonly relay: OutboxRelay,
    private readonly sweeper: RetentionSweeper,
    private readonly reporter: HandlerErrorReporter,
    private readonly instrumentation: EventsInstrumentation,
    private readonly tracer: EventTracer,
    private readonly versions: EventVersions,
  ) {}

  /** Failures of async handlers, after the delivery driver gave up on them. */
  get unhandledErrors$(): Observable<UnhandledHandlerError> {
    return this.reporter.errors$;
  }

  /** Whether handlers are discovered, the delivery driver has started and shutdown has not begun: readiness. */
  get isReady(): boolean {
    return this.registry.isReady && !this.closed;
  }

  /** Resolves once every decorated handler is registered and the delivery driver has started. */
  waitUntilReady(): Promise<void> {
    return this.registry.ready;
  }

  async onModuleInit(): Promise<void> {
    this.initStarted = true;
    try {
      for (const handler of this.explorer.explore()) {
        this.registry.register(handler);
        // The stable name is what replay, queues, metrics and dead letters use; the method is where to find it.
        if (this.options.logHandlers) this.logger.log(`${describeHandler(handler)} -> ${handler.patterns.join(', ')} [${handler.mode}]`);
      }
      // Before the consumers start: a handler that can never fire, or a version no handler can take, stops the deploy.
      this.checkHandlers(this.registry.all());
      await this.dispatcher.startDelivery();
      try {
        // After the driver: inbound events hand their async handlers to it as soon as consuming starts.
        await this.bridge.start();
      } catch (error) {
        // Nest runs no shutdown hook after a failed init: the driver's workers and connections would keep the process up.
        await this.dispatcher.closeDelivery(0).catch(() => undefined);
        throw error;
      }
      this.registry.markReady();
    } catch (error) {
      this.failBootstrap(error);
      throw error;
    }
  }

  /** @throws UnknownEventPatternError or EventVersioningError */
  private checkHandlers(handlers: readonly RegisteredHandler[]): void {
    if (this.options.unknownEvents === 'reject') {
      const uncovered = uncoveredPatterns(handlers, this.options.catalog);
      if (uncovered.length > 0) throw new UnknownEventPatternError(uncovered);
    }
    const versioning = this.versions.problems(handlers);
    if (versioning.length > 0) throw new EventVersioningError(versioning);
  }

  /**
   * Waits for discovery. A bus whose application was never initialised rejects after `readyTimeoutMs`, and every
   * waiting publish rejects when bootstrap fails; once bootstrap has begun, it waits as long as bootstrap takes.
   */
  private whenReady(type: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const waitedMs = this.options.readyTimeoutMs;
      const timer = setTimeout(() => {
        if (!this.initStarted) reject(new EventBusNotReadyError(type, waitedMs));
      }, waitedMs);
      void this.registry.ready.then(() => {
        clearTimeout(timer);
        resolve();
      });
      void this.bootstrapFailure.then((cause) => {
        clearTimeout(timer);
        reject(new EventBusNotReadyError(type, waitedMs, { cause }));
      });
    });
  }

  onApplicationBootstrap(): void {
    // After every module's init, so relayed events reach fully initialised handlers.
    this.relay.start();
    this.sweeper.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.closed = true;
    await Promise.all([this.relay.stop(), this.sweeper.stop()]);
    // Consuming stops first, so every message in hand reaches the driver before the driver drains.
    await this.bridge.close(this.options.shutdownTimeoutMs);
    await this.dispatcher.closeDelivery(this.options.shutdownTimeoutMs);
    await this.log.close();
  }

  /**
   * Validates the event, logs it (when a store is set), runs its sync handlers and hands it to the delivery
   * driver for async ones. Resolves when every sync handler has finished.
   *
   * @throws InvalidEventEnvelopeError, UnknownEventTypeError, UnknownEventVersionError or EventValidationError
   *   before anything is logged or dispatched
   * @throws EventBusNotReadyError when the application was not initialised within `readyTimeoutMs`, or failed to
   *   initialise
   * @throws EventStoreUnavailableError when the store cannot append; nothing was dispatched
   * @throws HandlersFailedError naming every sync handler that failed; the others have still run
   */
  publish(event: DomainEvent): Promise<void> {
    if (this.closed) return Promise.reject(new EventBusClosedError(event?.type));
    if (!this.registry.isReady) return this.whenReady(soundType(event)).then(() => this.publish(event));
    if (!this.tracer.enabled && !this.instrumentation.active) return this.send(event, undefined).done;
    const started = performance.now();
    const span = this.tracer.enabled ? this.tracer.startPublish(event) : undefined;
    const { prepared, done } = span ? this.tracer.within(span, () => this.send(event, span)) : this.send(event, undefined);
    const settle = (error?: unknown): void => {
      if (span) this.tracer.end(span, error);
      if (!this.instrumentation.active) return;
      const ended = performance.now();
      const type = prepared?.type ?? soundType(event);
      this.instrumentation.published({ event: prepared, type, durationMs: ended - started, error, at: epochMs(ended) });
    };
    return done.then(
      () => settle(),
      (error: unknown) => {
        settle(error);
        throw error;
      },
    );
  }

  /** Prepares one event and routes it; `prepared` is unset when preparation rejected it. */
  private send(event: DomainEvent, span: EventSpan | undefined): { prepared?: DomainEvent; done: Promise<void> } {
    let prepared: DomainEvent;
    try {
      prepared = this.preparer.prepare(event);
      if (span) prepared = this.tracer.stamp(prepared, span);
    } catch (error) {
      return { done: Promise.reject(error) };
    }
    return { prepared, done: this.router.route(prepared) };
  }

  /**
   * Publishes several events in order. Every event is validated, then all are logged in one round trip, before
   * the first is dispatched; an invalid one rejects the whole batch with nothing logged or dispatched.
   *
   * @throws HandlersFailedError with the failures of every event, after all were dispatched
   */
  async publishAll(events: readonly DomainEvent[]): Promise<void> {
    if (this.closed) throw new EventBusClosedError(events[0]?.type);
    if (!this.registry.isReady) await this.whenReady(soundType(events[0]));
    if (!this.tracer.enabled && !this.instrumentation.active) return this.router.routeAll(this.prepareAll(events, undefined));
    const started = performance.now();
    const spans = this.tracer.enabled ? events.map((e) => this.tracer.startPublish(e)) : undefined;
    let error: unknown;
    let prepared: readonly DomainEvent[] | undefined;
    try {
      prepared = this.prepareAll(events, spans);
      await this.router.routeAll(prepared);
    } catch (caught) {
      error = caught;
      throw caught;
    } finally {
      const ended = performance.now();
      const durationMs = ended - started;
      const at = epochMs(ended);
      // A batch settles as one: every event shares its outcome and duration.
      spans?.forEach((span) => span && this.tracer.end(span, error));
      if (this.instrumentation.active)
        events.forEach((event, i) => {
          // Prepared (and stamped with its trace context) unless the batch was rejected before that.
          const sent = prepared?.[i];
          this.instrumentation.published({ type: sent?.type ?? soundType(event), durationMs, error, at, ...(sent ? { event: sent } : {}) });
        });
    }
  }

  /** Every event prepared (and stamped with its span's context); throws on the first invalid one. */
  private prepareAll(events: readonly DomainEvent[], spans: readonly (EventSpan | undefined)[] | undefined): DomainEvent[] {
    return events.map((event, i) => {
      const ready = this.preparer.prepare(event);
      const span = spans?.[i];
      return span ? this.tracer.stamp(ready, span) : ready;
    });
  }

  /**
   * The newest events of `type` from the recent-event cache, newest first; the store is not touched.
   * @throws EventStoreRequiredError when no `recentCache` is configured
   */
  recentEvents(type: string, limit?: number): Promise<DomainEvent[]> {
    if (!this.log.cache) return Promise.reject(new EventStoreRequiredError('recentEvents (it needs the recentCache option)'));
    return this.log.recent(this.log.cache, type, limit);
  }

  /**
   * Registers a handler function at runtime and returns the function that removes it.
   * @throws InvalidHandlerOptionsError for a bad pattern or option; DuplicateHandlerNameError for a taken name;
   *   UnknownEventPatternError for a pattern no catalog type matches (with `unknownEvents: 'reject'`)
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
    const registered: RegisteredHandler = Object.freeze({
      name: options.name ?? `subscribe.${++this.subscriptionCount}`,
      patterns,
      mode: options.mode ?? this.options.defaultMode,
      retry: options.retry,
      ...(options.version === undefined ? {} : { version: options.version }),
      origin: 'subscribe()',
      invoke: handler as DomainEventHandlerFn,
    });
    this.checkHandlers([registered]);
    return this.registry.register(registered);
  }
}

/** `Mailer.welcome (Mailer.send)` when a handler's name differs from its method, else the name alone. */
const describeHandler = (handler: RegisteredHandler): string =>
  handler.name === handler.origin ? handler.name : `${handler.name} (${handler.origin})`;
