import { deserializeEvent } from '../event/event.serializer.js';
import type { DomainEvent } from '../interfaces/domain-event.interface.js';
import type { InboundOutcome, TransportHost, TransportOutcome, TransportRecord } from '../interfaces/event-transport.interface.js';

/** One call of `receive`, with when it happened. */
export interface TransportDeliveryCall {
  readonly event: DomainEvent;
  readonly at: number;
}

/**
 * A `TransportHost` for transport tests: revives without a catalog, records every `receive` call and every record,
 * and lets a test decide what `receive` and `revive` do.
 */
export class TestTransportHost implements TransportHost {
  /** Every call of `receive`, accepted or not, in order. */
  readonly calls: TransportDeliveryCall[] = [];
  /** Events whose `receive` resolved. */
  readonly received: DomainEvent[] = [];
  readonly records: TransportRecord[] = [];
  /** Runs inside `receive`; throw or reject to refuse the hand-over. */
  onReceive: ((event: DomainEvent, call: number) => unknown) | undefined;
  /** Replaces revival; the default is `deserializeEvent` without a catalog. */
  reviver: ((input: string | object) => DomainEvent) | undefined;

  constructor(
    readonly service: string,
    readonly patterns: readonly string[],
  ) {}

  revive(input: string | object): DomainEvent {
    return this.reviver ? this.reviver(input) : deserializeEvent(input);
  }

  async receive(event: DomainEvent): Promise<InboundOutcome> {
    this.calls.push({ event, at: performance.now() });
    await this.onReceive?.(event, this.calls.length);
    this.received.push(event);
    return 'consumed';
  }

  record(record: TransportRecord): void {
    this.records.push(record);
  }

  /** Records of one outcome. */
  outcomes(outcome: TransportOutcome): TransportRecord[] {
    return this.records.filter((r) => r.outcome === outcome);
  }

  /** Ids of the events received, in order. */
  receivedIds(): string[] {
    return this.received.map((e) => e.id);
  }
}
