// Public API of @webnovel/events: what applications and adapter authors use. Helpers shared with the sibling libs
// live in './internal.ts' (the `@webnovel/events/internal` entry); discovery and registry internals stay private.
export { EventsModule } from './events.module.js';
export { EVENTS_MODULE_OPTIONS, EVENTS_OPTIONS_TYPE, EVENTS_ASYNC_OPTIONS_TYPE } from './events.module-definition.js';
export { EventBus } from './bus/event-bus.js';
export type { UnhandledHandlerError } from './bus/handler-error.reporter.js';
export { OnDomainEvent } from './decorators/on-domain-event.decorator.js';
export { createDomainEvent, causedBy } from './event/domain-event.js';
export { serializeEvent, deserializeEvent, type SerializedDomainEvent } from './event/event.serializer.js';
export { EventCatalog } from './catalog/event-catalog.js';
export { defineEvent, eventFactory } from './catalog/event-definition.js';
export { renderCatalogMarkdown, type CatalogMarkdownOptions } from './catalog/catalog-doc.renderer.js';
export { InProcessDelivery, IN_PROCESS_QUEUE, type InProcessDeliveryOptions } from './delivery/in-process.delivery.js';
export { DeadLetters, type BulkReprocessResult } from './delivery/dead-letters.service.js';
export { EventsInstrumentation, type DeliveryStats } from './observability/events-instrumentation.js';
export { EventsMonitor, type MonitoringSummary, type QueueSummary } from './observability/events.monitor.js';
export type { HandlerSummary, PublishedTypeSummary } from './observability/events.statistics.js';
export { EventsHealth, DEFAULT_HEALTH_TIMEOUT_MS, type ComponentHealth } from './observability/events.health.js';
export { InvalidMonitoringQueryError } from './errors/invalid-monitoring-query.error.js';
export type {
  EventsObserver,
  HandleOutcome,
  HandleRecord,
  PublishRecord,
  StoreAppendRecord,
} from './interfaces/events-observer.interface.js';
export { InvalidDeadLetterQueryError, DeadLetterHandlerMissingError, EventDeliveryUnavailableError } from './errors/dead-letter.error.js';
export type {
  DeadLetter,
  DeadLetterErrorInfo,
  DeadLetterFilter,
  DeadLetterPage,
  DeadLetterPageRequest,
  DeadLetterQueue,
  DeliveryQueueCounts,
} from './interfaces/dead-letter.interface.js';
export { EventValidationError } from './errors/event-validation.error.js';
export { InvalidEventEnvelopeError } from './errors/invalid-event-envelope.error.js';
export { UnknownEventTypeError, UnknownEventVersionError } from './errors/unknown-event-type.error.js';
export { HandlersFailedError, type HandlerFailure } from './errors/handlers-failed.error.js';
export {
  DuplicateHandlerNameError,
  RequestScopedHandlerError,
  InvalidHandlerOptionsError,
  InvalidEventPatternError,
} from './errors/handler-registration.error.js';
export { InvalidEventsModuleOptionsError } from './errors/invalid-events-options.error.js';
export { EventBusClosedError } from './errors/event-bus-closed.error.js';
export { EventBusNotReadyError } from './errors/event-bus-not-ready.error.js';
export { UnknownEventPatternError, type UncoveredPattern } from './errors/unknown-event-pattern.error.js';
export { DuplicateEventDefinitionError } from './errors/duplicate-event-definition.error.js';
export { NonRetryableError } from './errors/non-retryable.error.js';
export {
  InvalidUpcasterError,
  EventVersioningError,
  DowncastNotSupportedError,
  UpcasterMissingError,
  UpcastFailedError,
} from './errors/versioning.error.js';
export { defineUpcaster } from './versioning/upcaster.definition.js';
export { EventVersions } from './versioning/event-versions.js';
export type { EventUpcaster, AnyEventUpcaster } from './interfaces/upcaster.interface.js';
export type { DomainEvent, DomainEventInit, EventCreateOptions, EventMetadata } from './interfaces/domain-event.interface.js';
export type { EventDefinition, EventFactory, PayloadInput } from './interfaces/event-definition.interface.js';
export type {
  DomainEventHandlerOptions,
  DomainEventHandlerFn,
  EventPattern,
  HandlerContext,
  HandlerMode,
  RegisteredHandler,
} from './interfaces/handler.interface.js';
export type { RetryPolicyOptions } from './interfaces/retry-policy-options.interface.js';
export type { EventsModuleOptions, OutboxOptions } from './interfaces/events-module-options.interface.js';
export { EventTransportUnavailableError } from './errors/event-transport.error.js';
export type {
  EventTransport,
  InboundOutcome,
  TransportHost,
  TransportMode,
  TransportOptions,
  TransportOutcome,
  TransportQueueDepth,
  TransportRecord,
} from './interfaces/event-transport.interface.js';
export { InMemoryTransport, type InMemoryTransportOptions } from './transport/in-memory.transport.js';
export {
  InMemoryBroker,
  type InMemoryConsumer,
  type InMemoryDeadLetter,
  type InMemoryDelivery,
  type InMemoryMessage,
  type InMemorySubscription,
} from './transport/in-memory.broker.js';
export type { EventDelivery, DeliveryHost, DeliveryOutcome, DeliveryRecord, PriorFailure } from './interfaces/event-delivery.interface.js';
export type { Violation } from './interfaces/violation.interface.js';
export type {
  AppendOptions,
  DispatchStatus,
  EventCursor,
  EventFilter,
  EventPage,
  EventStore,
  PageRequest,
  ReplayOptions,
  StoredEvent,
} from './interfaces/event-store.interface.js';
export type { RecentEventCache } from './interfaces/recent-event-cache.interface.js';
export { InMemoryEventStore, type InMemoryEventStoreOptions } from './store/in-memory.event-store.js';
export { InvalidEventQueryError, EventStoreUnavailableError } from './errors/event-store.error.js';
export { EventStoreRequiredError, UnknownReplayHandlerError } from './errors/replay.error.js';
export { EventReplayer, type ReplayRequest, type ReplayReport, type ReplayProgress, type ReplayFailure } from './store/event-replayer.js';
export { OutboxRelay, type RelayPassResult } from './store/outbox.relay.js';
export { RetentionSweeper } from './store/retention.sweeper.js';
export { EventLog, type EventLogStats } from './bus/event-log.js';
export type { RetentionOptions } from './store/retention.js';
export { DEFAULT_RETRY_POLICY } from './options/events-options.resolver.js';
export { RetryPolicy, type ResolvedRetryPolicyOptions } from './retry/retry-policy.js';
export { EVENTS_TRACER_NAME, traceIdOf } from './observability/event.tracer.js';
