import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { EventBus } from './bus/event-bus.js';
import { EventDispatcher } from './bus/event-dispatcher.js';
import { EventLog } from './bus/event-log.js';
import { EventPreparer } from './bus/event-preparer.js';
import { EventRouter } from './bus/event-router.js';
import { TransportBridge } from './bus/transport.bridge.js';
import { HandlerErrorReporter } from './bus/handler-error.reporter.js';
import { DeadLetters } from './delivery/dead-letters.service.js';
import { InProcessDelivery } from './delivery/in-process.delivery.js';
import { HandlerMetadataAccessor } from './discovery/handler-metadata.accessor.js';
import { HandlerExplorer } from './discovery/handler.explorer.js';
import { EVENT_DELIVERY, RESOLVED_EVENTS_OPTIONS } from './events.constants.js';
import { EVENTS_MODULE_OPTIONS, EventsConfigurableModule } from './events.module-definition.js';
import type { EventsModuleOptions } from './interfaces/events-module-options.interface.js';
import { resolveEventsOptions, type ResolvedEventsOptions } from './options/events-options.resolver.js';
import { EventsHealth } from './observability/events.health.js';
import { EventsInstrumentation } from './observability/events-instrumentation.js';
import { EventsMonitor } from './observability/events.monitor.js';
import { EventTracer } from './observability/event.tracer.js';
import { HandlerRegistry } from './registry/handler.registry.js';
import { EventVersions } from './versioning/event-versions.js';
import { EventReplayer } from './store/event-replayer.js';
import { OutboxRelay } from './store/outbox.relay.js';
import { RetentionSweeper } from './store/retention.sweeper.js';

/**
 * Discovers `@OnDomainEvent` handlers in every module and provides the `EventBus`.
 *
 * @example
 * ```ts
 * @Module({ imports: [EventsModule.forRoot({ source: 'user-service', catalog: webNovelCatalog, upcasters: webNovelUpcasters })] })
 * export class AppModule {}
 * ```
 */
@Module({
  imports: [DiscoveryModule],
  providers: [
    {
      provide: RESOLVED_EVENTS_OPTIONS,
      useFactory: (options: EventsModuleOptions) => resolveEventsOptions(options),
      inject: [EVENTS_MODULE_OPTIONS],
    },
    {
      provide: EVENT_DELIVERY,
      useFactory: (options: ResolvedEventsOptions) => options.delivery ?? new InProcessDelivery(),
      inject: [RESOLVED_EVENTS_OPTIONS],
    },
    HandlerRegistry,
    HandlerMetadataAccessor,
    HandlerExplorer,
    HandlerErrorReporter,
    EventsInstrumentation,
    EventTracer,
    EventsMonitor,
    EventsHealth,
    DeadLetters,
    EventPreparer,
    EventVersions,
    EventDispatcher,
    TransportBridge,
    EventRouter,
    EventLog,
    OutboxRelay,
    RetentionSweeper,
    EventReplayer,
    EventBus,
  ],
  exports: [
    EventBus,
    EventReplayer,
    OutboxRelay,
    RetentionSweeper,
    EventLog,
    DeadLetters,
    EventsInstrumentation,
    EventsMonitor,
    EventsHealth,
    EventVersions,
  ],
})
export class EventsModule extends EventsConfigurableModule {}
