import type { EventCatalog } from '../catalog/event-catalog.js';
import type { EventDefinition } from './event-definition.interface.js';
import type { HandlerMode } from './handler.interface.js';
import type { RetryPolicyOptions } from './retry-policy-options.interface.js';
import type { EventDelivery } from './event-delivery.interface.js';
import type { EventStore } from './event-store.interface.js';
import type { RecentEventCache } from './recent-event-cache.interface.js';
import type { RetentionOptions } from '../store/retention.js';
import type { AnyEventUpcaster } from './upcaster.interface.js';
import type { TransportOptions } from './event-transport.interface.js';

/** Options of `EventsModule.forRoot` / `forRootAsync`. Validated once at bootstrap; every problem is reported together. */
export interface EventsModuleOptions {
  /** The producing service's name, stamped on events that do not set `source`. @default 'app' */
  source?: string;
  /** The known event types with their payload classes, for example `webNovelCatalog` from `@webnovel/contracts`. @default no types */
  catalog?: EventCatalog | readonly EventDefinition[];
  /**
   * What `publish` does with a type the catalog does not know. With `'reject'` (and a catalog), a handler pattern that
   * matches no catalog type also fails bootstrap with `UnknownEventPatternError`.
   * @default 'reject'
   */
  unknownEvents?: 'reject' | 'allow';
  /** Validate payloads with class-validator on `publish`. @default true */
  validatePayloads?: boolean;
  /** Mode of handlers that do not choose one. @default 'sync' */
  defaultMode?: HandlerMode;
  /**
   * The steps from each version of a type to the next, made with `defineUpcaster`. Handlers take the latest registered
   * version of each type unless they name one; older events are upcast on the way to them. Bootstrap fails when a
   * registered version cannot reach a version some handler takes.
   * @default none
   */
  upcasters?: readonly AnyEventUpcaster[];
  /** Retry defaults for every handler; `@OnDomainEvent({ retry })` overrides per handler. */
  retry?: RetryPolicyOptions;
  /**
   * Log one line per discovered handler at bootstrap: `name -> patterns [mode]`, with `(Class.method)` after a name
   * given in `@OnDomainEvent({ name })`. The name is the one replay, queues, metrics and dead letters use.
   * @default true
   */
  logHandlers?: boolean;
  /**
   * Runs async handlers, retries them and keeps their dead letters. The default, `InProcessDelivery`, does so in
   * this process and in memory; `BullMqDelivery` from `@webnovel/events-bullmq` does so durably on Redis.
   */
  delivery?: EventDelivery;
  /**
   * What a failed sync handler does to `publish`: `'throw'` rejects it with `HandlersFailedError`; `'retry'` hands
   * the failed (event, handler) pair to the delivery driver, which retries it by the handler's policy and
   * dead-letters it at the end, and `publish` resolves.
   * @default 'throw'
   */
  syncFailures?: 'throw' | 'retry';
  /**
   * The durable event log. With a store, `publish` appends every event before any handler runs and rejects, with
   * nothing dispatched, when the append fails. `'memory'` is the embedded, non-durable log; pass an adapter such as
   * `new PostgresEventStore(...)` or `new MongooseEventStore(model)` for a durable one. The module closes it on shutdown.
   * @default no log
   */
  store?: 'memory' | EventStore;
  /** Retention of the `'memory'` store. Adapters take their own `retention` option. */
  retention?: RetentionOptions;
  /** How often expired events are removed from the store, in milliseconds; 0 turns the sweep off. @default 60000 */
  retentionSweepMs?: number;
  /** Keeps the latest events per type, for example `RedisRecentEventCache`. Best effort: failures are logged and counted. */
  recentCache?: RecentEventCache;
  /**
   * A message broker shared with other services: RabbitMQ with `@webnovel/events-rabbitmq`. Events go to the
   * broker (all but `localOnly` ones), and this service consumes, from its own queue, the types its handlers take.
   * With a store, the broker publish is part of the outbox: an event the broker did not confirm stays pending and the
   * relay publishes it. Without a transport every event stays in this process.
   * @default none
   */
  transport?: TransportOptions;
  /** The outbox relay, which re-dispatches logged events that were never marked dispatched. Active when a store is set. */
  outbox?: OutboxOptions;
  /** How long shutdown waits for in-flight async handlers, in milliseconds. @default 10000 */
  shutdownTimeoutMs?: number;
  /**
   * How long a `publish` on a bus whose application was never initialised waits before it rejects with
   * `EventBusNotReadyError`, in milliseconds: the mistake of `Test.createTestingModule(...).compile()` without
   * `init()`. Once initialisation has begun, early publishes wait for it however long it takes.
   * @default 30000
   */
  readyTimeoutMs?: number;
  /**
   * OpenTelemetry spans for publishes and handler runs, with the trace context carried in the event's metadata.
   * They are no-ops until the application registers an OpenTelemetry SDK.
   * @default true
   */
  tracing?: boolean;
  /**
   * The level of the structured line logged per publish and per successful handler run; `false` turns those lines
   * and the retry warnings off. Dead letters are always logged at `error`.
   * @default 'debug'
   */
  eventLogLevel?: 'debug' | 'verbose' | 'log' | false;
  /**
   * How many minutes of per-type and per-handler statistics `EventsMonitor.summary()` keeps, in one-minute buckets;
   * 0 turns the collection off.
   * @default 60
   */
  summaryWindowMinutes?: number;
}

/** Options of the outbox relay. */
export interface OutboxOptions {
  /** @default true */
  enabled?: boolean;
  /** Pause between passes, in milliseconds. @default 5000 */
  intervalMs?: number;
  /**
   * How long an event must have been pending before the relay takes it, in milliseconds. Keep it above your slowest
   * publish, or the relay may dispatch an event a live publisher is still dispatching.
   * @default 30000
   */
  graceMs?: number;
  /** Events per query. @default 100 */
  batchSize?: number;
}
