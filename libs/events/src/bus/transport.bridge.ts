import { Inject, Injectable } from '@nestjs/common';
import { EventTransportUnavailableError } from '../errors/event-transport.error.js';
import { deserializeEvent } from '../event/event.serializer.js';
import { RESOLVED_EVENTS_OPTIONS } from '../events.constants.js';
import type { DomainEvent } from '../interfaces/domain-event.interface.js';
import type { EventTransport, TransportHost, TransportMode, TransportRecord } from '../interfaces/event-transport.interface.js';
import { EventsInstrumentation } from '../observability/events-instrumentation.js';
import type { ResolvedEventsOptions } from '../options/events-options.resolver.js';
import type { CompiledPattern } from '../registry/event-pattern.js';
import { HandlerRegistry } from '../registry/handler.registry.js';
import { EventDispatcher } from './event-dispatcher.js';

// Bounds the per-type memo of the localOnly test when unknown types arrive in unbounded variety.
const MAX_REMEMBERED_TYPES = 10_000;
// Ids whose local handlers ran while the broker refused them, so the relay publishes them without running those
// handlers again. Bounded: past it the oldest are forgotten and, after a long outage, may run locally once more.
const MAX_LOCALLY_DISPATCHED = 100_000;

/**
 * The bus's side of the transport: which events leave the process and which run here, the broker publish (errors
 * always surface as `EventTransportUnavailableError`), and the `TransportHost` through which the adapter hands
 * inbound events to this service's handlers.
 */
@Injectable()
export class TransportBridge {
  /** Whether a transport is configured. */
  readonly enabled: boolean;
  readonly mode: TransportMode | undefined;
  private readonly adapter: EventTransport | undefined;
  private readonly localOnly: readonly CompiledPattern[];
  private readonly localOnlyByType = new Map<string, boolean>();
  private readonly locallyDispatched = new Set<string>();

  constructor(
    @Inject(RESOLVED_EVENTS_OPTIONS) private readonly options: ResolvedEventsOptions,
    private readonly registry: HandlerRegistry,
    private readonly dispatcher: EventDispatcher,
    private readonly instrumentation: EventsInstrumentation,
  ) {
    this.adapter = options.transport?.adapter;
    this.enabled = this.adapter !== undefined;
    this.mode = options.transport?.mode;
    this.localOnly = options.transport?.localOnly ?? [];
  }

  /** The configured adapter, for health checks and dead letters. */
  get transport(): EventTransport | undefined {
    return this.adapter;
  }

  /** Whether an event of `type` is published to the broker. */
  leaves(type: string): boolean {
    return this.enabled && !this.isLocalOnly(type);
  }

  /** Whether an event of `type` published here is dispatched to this process's handlers at publish time. */
  runsHere(type: string): boolean {
    return !this.enabled || this.mode === 'hybrid' || this.isLocalOnly(type);
  }

  /**
   * Publishes to the broker and resolves once it confirmed every event.
   * @throws EventTransportUnavailableError whatever the adapter rejected with (kept as `cause`)
   */
  async publish(events: readonly DomainEvent[]): Promise<void> {
    const adapter = this.adapter!;
    try {
      await adapter.publish(events);
    } catch (error) {
      if (error instanceof EventTransportUnavailableError) throw error;
      throw new EventTransportUnavailableError(adapter.name, events[0]!.type, events[0]!.id, { cause: error });
    }
  }

  /** Connects the adapter and starts consuming this service's patterns. */
  async start(): Promise<void> {
    if (this.adapter !== undefined) await this.adapter.start(this.host());
  }

  /** Stops consuming and closes the adapter, waiting up to `timeoutMs` for messages being handed over. */
  async close(timeoutMs: number): Promise<void> {
    await this.adapter?.close(timeoutMs);
  }

  /** Remembers that `id` ran here while the broker refused it: the relay then only publishes it. */
  rememberLocallyDispatched(id: string): void {
    if (this.locallyDispatched.size >= MAX_LOCALLY_DISPATCHED) {
      const oldest = this.locallyDispatched.values().next().value;
      if (oldest !== undefined) this.locallyDispatched.delete(oldest);
    }
    this.locallyDispatched.add(id);
  }

  /** Whether `id` already ran here (forgetting it): the relay's question before dispatching it locally. */
  takeLocallyDispatched(id: string): boolean {
    return this.locallyDispatched.delete(id);
  }

  /** The patterns this service consumes: every handler's, less exact types that are local only. */
  patterns(): string[] {
    const all = new Set(this.registry.all().flatMap((handler) => handler.patterns));
    return [...all].filter((pattern) => pattern.includes('*') || !this.isLocalOnly(pattern));
  }

  private host(): TransportHost {
    const service = this.options.source;
    const hybrid = this.mode === 'hybrid';
    return {
      service,
      patterns: Object.freeze(this.patterns()),
      revive: (input) => deserializeEvent(input, this.options.catalog),
      receive: async (event) => {
        // Its own handlers ran when it was published here; the broker's copy is for the other services.
        if (hybrid && event.source === service) return 'skipped_own';
        await this.dispatcher.dispatch(event, 'retry');
        return 'consumed';
      },
      record: (record) => this.record(record),
    };
  }

  private record(record: TransportRecord): void {
    if (this.instrumentation.active) this.instrumentation.transported(record);
  }

  private isLocalOnly(type: string): boolean {
    if (this.localOnly.length === 0) return false;
    let local = this.localOnlyByType.get(type);
    if (local === undefined) {
      local = this.localOnly.some((pattern) => pattern.matches(type));
      if (this.localOnlyByType.size >= MAX_REMEMBERED_TYPES) this.localOnlyByType.clear();
      this.localOnlyByType.set(type, local);
    }
    return local;
  }
}
