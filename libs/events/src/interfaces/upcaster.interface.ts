import type { DomainEvent } from './domain-event.interface.js';

/**
 * Turns the payload of one version of an event type into the payload of the next version: `fromVersion` to
 * `fromVersion + 1`, never further and never back. Chained by the bus as far as a handler needs (1→2→3).
 * Must be pure: the stored event is never rewritten, and the same input must always give the same output.
 */
export interface EventUpcaster<TFrom = unknown, TTo = unknown> {
  readonly type: string;
  readonly fromVersion: number;
  /** Always `fromVersion + 1`. */
  readonly toVersion: number;
  /** The next version's payload; plain data is fine, the bus turns it into the payload class and validates it. */
  readonly upcast: (data: TFrom, event: DomainEvent<TFrom>) => TTo;
  /** What changed, for the generated catalog. */
  readonly description?: string;
}

/** Any upcaster, whatever its payload types: what the `upcasters` option and the registry hold. */
export type AnyEventUpcaster = EventUpcaster<never, unknown>;
