import { performance } from 'node:perf_hooks';
import { Inject, Injectable } from '@nestjs/common';
import { EventBus } from '../bus/event-bus.js';
import { EventLog } from '../bus/event-log.js';
import { TransportBridge } from '../bus/transport.bridge.js';
import { EVENT_DELIVERY } from '../events.constants.js';
import { describeError } from '../events.messages.js';
import type { EventDelivery } from '../interfaces/event-delivery.interface.js';

/** The state of one part the bus depends on. `not_checked`: the part has no `ping`, or is not configured. */
export interface ComponentHealth {
  readonly status: 'up' | 'down' | 'not_checked';
  /** The adapter's class name. */
  readonly component?: string;
  readonly latencyMs?: number;
  readonly error?: string;
}

/** @default how long a ping may take before the part counts as down */
export const DEFAULT_HEALTH_TIMEOUT_MS = 1000;

/**
 * Readiness and dependency checks for health endpoints, without tying the core to a health library:
 * `@webnovel/events-terminus` turns them into `@nestjs/terminus` indicators.
 */
@Injectable()
export class EventsHealth {
  constructor(
    private readonly bus: EventBus,
    private readonly log: EventLog,
    @Inject(EVENT_DELIVERY) private readonly delivery: EventDelivery,
    private readonly bridge: TransportBridge,
  ) {}

  /** True once handlers are discovered and the delivery driver's consumers run; false again once shutdown begins. */
  get ready(): boolean {
    return this.bus.isReady;
  }

  /** Pings the delivery driver's backend (Redis for BullMQ). */
  checkDelivery(timeoutMs = DEFAULT_HEALTH_TIMEOUT_MS): Promise<ComponentHealth> {
    const delivery = this.delivery;
    return ping(delivery.constructor.name, delivery.ping ? () => delivery.ping!() : undefined, timeoutMs);
  }

  /** Pings the event store; `not_checked` without a store. */
  checkStore(timeoutMs = DEFAULT_HEALTH_TIMEOUT_MS): Promise<ComponentHealth> {
    const store = this.log.store;
    if (store === undefined) return Promise.resolve({ status: 'not_checked' });
    return ping(store.constructor.name, store.ping ? () => store.ping!() : undefined, timeoutMs);
  }

  /** Pings the message broker; `not_checked` without a transport. */
  checkTransport(timeoutMs = DEFAULT_HEALTH_TIMEOUT_MS): Promise<ComponentHealth> {
    const transport = this.bridge.transport;
    if (transport === undefined) return Promise.resolve({ status: 'not_checked' });
    return ping(transport.constructor.name, transport.ping ? () => transport.ping!() : undefined, timeoutMs);
  }
}

async function ping(component: string, probe: (() => Promise<void>) | undefined, timeoutMs: number): Promise<ComponentHealth> {
  if (probe === undefined) return { status: 'not_checked', component };
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([probe(), timeout]);
    return { status: 'up', component, latencyMs: Math.round((performance.now() - started) * 1000) / 1000 };
  } catch (error) {
    return { status: 'down', component, error: describeError(error) };
  } finally {
    clearTimeout(timer);
  }
}
