import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { EventsHealth, type ComponentHealth } from '@webnovel/events';
import { DELIVERY_KEY, READINESS_KEY, RESOLVED_EVENTS_HEALTH_OPTIONS, STORE_KEY, TRANSPORT_KEY } from './events-health.constants.js';
import {
  noBackendMessage,
  noStoreMessage,
  noTransportMessage,
  notReadyMessage,
  storeWithoutPingMessage,
  transportWithoutPingMessage,
} from './events-health.messages.js';
import type { ResolvedEventsHealthOptions } from './events-health.options.js';
import { redactCredentials } from './redact-credentials.util.js';

/**
 * `@nestjs/terminus` indicators for `@webnovel/events`, for `HealthCheckService.check([...])`. Each result names the
 * component by class name and gives its ping latency or error; connection strings never appear, and a URL with
 * credentials in a driver's error is masked. A part that cannot be pinged (the in-process driver, no store) counts as
 * up, with `checked: false`.
 *
 * @example
 * ```ts
 * @Get('ready')
 * @HealthCheck()
 * ready() {
 *   return this.health.check([() => this.events.readiness(), () => this.events.delivery(), () => this.db.pingCheck('db')]);
 * }
 * ```
 */
@Injectable()
export class EventsHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly health: EventsHealth,
    @Inject(RESOLVED_EVENTS_HEALTH_OPTIONS) private readonly options: ResolvedEventsHealthOptions,
  ) {}

  /** Up once handlers are discovered and the delivery driver's consumers run; down before that and once shutdown begins. */
  async readiness<const Key extends string = typeof READINESS_KEY>(key: Key = READINESS_KEY as Key): Promise<HealthIndicatorResult<Key>> {
    const session = this.indicators.check(key);
    return this.health.ready ? session.up({ ready: true }) : session.down({ ready: false, message: notReadyMessage() });
  }

  /**
   * Pings the delivery driver's backend (Redis for BullMQ); down when it fails or takes longer than `timeoutMs`.
   * @param timeoutMs defaults to the module's `timeoutMs`
   */
  async delivery<const Key extends string = typeof DELIVERY_KEY>(
    key: Key = DELIVERY_KEY as Key,
    timeoutMs = this.options.timeoutMs,
  ): Promise<HealthIndicatorResult<Key>> {
    const health = await this.health.checkDelivery(timeoutMs);
    return this.result(key, health, noBackendMessage(health.component ?? 'the delivery driver'));
  }

  /**
   * Pings the event store; down when it fails or takes longer than `timeoutMs`.
   * @param timeoutMs defaults to the module's `timeoutMs`
   */
  async store<const Key extends string = typeof STORE_KEY>(
    key: Key = STORE_KEY as Key,
    timeoutMs = this.options.timeoutMs,
  ): Promise<HealthIndicatorResult<Key>> {
    const health = await this.health.checkStore(timeoutMs);
    return this.result(key, health, health.component === undefined ? noStoreMessage() : storeWithoutPingMessage(health.component));
  }

  /**
   * Pings the message broker; down when it fails or takes longer than `timeoutMs`. Up, unchecked, without a transport.
   * @param timeoutMs defaults to the module's `timeoutMs`
   */
  async transport<const Key extends string = typeof TRANSPORT_KEY>(
    key: Key = TRANSPORT_KEY as Key,
    timeoutMs = this.options.timeoutMs,
  ): Promise<HealthIndicatorResult<Key>> {
    const health = await this.health.checkTransport(timeoutMs);
    return this.result(key, health, health.component === undefined ? noTransportMessage() : transportWithoutPingMessage(health.component));
  }

  private result<Key extends string>(key: Key, health: ComponentHealth, notChecked: string): HealthIndicatorResult<Key> {
    const session = this.indicators.check(key);
    const component = health.component === undefined ? {} : { component: health.component };
    switch (health.status) {
      case 'up':
        return session.up({ ...component, latencyMs: health.latencyMs });
      case 'not_checked':
        return session.up({ ...component, checked: false, message: notChecked });
      case 'down':
        return session.down({ ...component, error: redactCredentials(health.error ?? 'unknown error') });
    }
  }
}
