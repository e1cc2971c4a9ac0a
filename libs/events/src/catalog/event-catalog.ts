import { DuplicateEventDefinitionError } from '../errors/duplicate-event-definition.error.js';
import type { EventDefinition } from '../interfaces/event-definition.interface.js';

/**
 * The known event types and versions with their payload classes. Immutable once built; each application
 * builds its own, so two apps in one process never share one.
 */
export class EventCatalog {
  // Nested maps: publish looks definitions up on every event, and a composed string key costs a hash per call.
  private readonly byTypeVersion = new Map<string, Map<number, EventDefinition>>();
  private readonly byType = new Map<string, EventDefinition[]>();

  constructor(definitions: Iterable<EventDefinition>) {
    for (const definition of definitions) {
      const versions = this.byTypeVersion.get(definition.type) ?? new Map<number, EventDefinition>();
      if (versions.has(definition.version)) throw new DuplicateEventDefinitionError(definition.type, definition.version);
      versions.set(definition.version, definition);
      this.byTypeVersion.set(definition.type, versions);
      const sorted = [...(this.byType.get(definition.type) ?? []), definition].sort((a, b) => a.version - b.version);
      this.byType.set(definition.type, sorted);
    }
  }

  /** The definition of exactly this (type, version), if any. */
  get(type: string, version: number): EventDefinition | undefined {
    return this.byTypeVersion.get(type)?.get(version);
  }

  /** Whether the catalog defines nothing at all. */
  get isEmpty(): boolean {
    return this.byType.size === 0;
  }

  /** Whether any version of `type` is known. */
  has(type: string): boolean {
    return this.byType.has(type);
  }

  /** Known versions of `type`, ascending. */
  versions(type: string): number[] {
    return (this.byType.get(type) ?? []).map((d) => d.version);
  }

  /** The highest registered version of `type`. */
  latest(type: string): EventDefinition | undefined {
    const versions = this.byType.get(type);
    return versions?.[versions.length - 1];
  }

  /** Every known type, sorted. */
  types(): string[] {
    return [...this.byType.keys()].sort();
  }

  /** Every definition, sorted by type then version. */
  definitions(): EventDefinition[] {
    return this.types().flatMap((type) => this.byType.get(type) ?? []);
  }
}
