import { Inject, Injectable } from '@nestjs/common';
import type { EventCatalog } from '../catalog/event-catalog.js';
import { toPayloadInstance } from '../catalog/event-definition.js';
import { compilePayloadValidator, type CompiledPayloadValidator } from '../catalog/compiled-payload.validator.js';
import { DowncastNotSupportedError, UpcastFailedError, UpcasterMissingError } from '../errors/versioning.error.js';
import { deepFreeze } from '../event/deep-freeze.util.js';
import { RESOLVED_EVENTS_OPTIONS } from '../events.constants.js';
import type { DomainEvent } from '../interfaces/domain-event.interface.js';
import type { EventDefinition } from '../interfaces/event-definition.interface.js';
import type { RegisteredHandler } from '../interfaces/handler.interface.js';
import type { AnyEventUpcaster } from '../interfaces/upcaster.interface.js';
import type { ResolvedEventsOptions } from '../options/events-options.resolver.js';
import { compilePattern } from '../registry/event-pattern.js';

/**
 * Which version of an event each handler takes, and the upcasting that gets it there. A handler takes the latest
 * registered version of each type it handles, or the one it names with `@OnDomainEvent(type, { version })`. Events are
 * upcast right before a handler runs, wherever they come from (publish, replay, the outbox relay, a queued job, a
 * reprocessed dead letter), so the stored or queued event is never rewritten.
 */
@Injectable()
export class EventVersions {
  private readonly catalog: EventCatalog;
  /** type → fromVersion → upcaster */
  private readonly steps = new Map<string, Map<number, AnyEventUpcaster>>();
  private readonly validators = new Map<EventDefinition, CompiledPayloadValidator>();
  // The same event often reaches several handlers that take the same version: upcast it once.
  private readonly memo = new WeakMap<DomainEvent, Map<number, DomainEvent>>();

  constructor(@Inject(RESOLVED_EVENTS_OPTIONS) options: ResolvedEventsOptions) {
    this.catalog = options.catalog;
    for (const upcaster of options.upcasters) {
      const byFrom = this.steps.get(upcaster.type) ?? new Map<number, AnyEventUpcaster>();
      byFrom.set(upcaster.fromVersion, upcaster);
      this.steps.set(upcaster.type, byFrom);
    }
  }

  /** The version `handler` takes of `type`: the one it names, else the latest registered; undefined when unknown. */
  target(handler: RegisteredHandler, type: string): number | undefined {
    return handler.version ?? this.catalog.latest(type)?.version;
  }

  /** The event as `handler` takes it. */
  forHandler(handler: RegisteredHandler, event: DomainEvent): DomainEvent {
    const target = this.target(handler, event.type);
    return target === undefined || target === event.version ? event : this.upcast(event, target, handler.name);
  }

  /**
   * The event at version `target`, its payload an instance of that version's class and valid by its rules.
   * @throws DowncastNotSupportedError, UpcasterMissingError or UpcastFailedError, all non-retryable
   */
  upcast(event: DomainEvent, target: number, handler = 'the handler'): DomainEvent {
    if (event.version === target) return event;
    if (event.version > target) throw new DowncastNotSupportedError(event.type, event.version, target, handler);
    let byTarget = this.memo.get(event);
    const known = byTarget?.get(target);
    if (known !== undefined) return known;
    const steps = this.steps.get(event.type);
    let data: unknown = event.data;
    let current = event;
    for (let version = event.version; version < target; version++) {
      const step = steps?.get(version);
      if (step === undefined) throw new UpcasterMissingError(event.type, event.version, target);
      try {
        // The envelope at this step only for an upcaster that reads it (declares the second parameter).
        if (step.upcast.length >= 2 && current.version !== version) current = { ...event, version, data };
        data = step.upcast(data as never, current as never);
      } catch (error) {
        throw new UpcastFailedError(event.type, version, version + 1, [], { cause: error });
      }
    }
    const definition = this.catalog.get(event.type, target);
    if (definition !== undefined && data !== null && typeof data === 'object') {
      data = toPayloadInstance(definition.payload, data);
      const violations = this.validatorFor(definition)(data as object);
      if (violations.length > 0) throw new UpcastFailedError(event.type, event.version, target, violations);
    }
    // The envelope keeps its id, time, correlation and metadata: it is the same fact, read in a newer shape.
    const upcast = Object.freeze({ ...event, version: target, data: deepFreeze(data) });
    if (byTarget === undefined) this.memo.set(event, (byTarget = new Map()));
    byTarget.set(target, upcast);
    return upcast;
  }

  /**
   * Every way a registered version of a type a handler handles cannot reach the version that handler takes: a missing
   * upcaster, or a registered version newer than the one the handler names. Empty when all is well.
   */
  problems(handlers: readonly RegisteredHandler[]): string[] {
    const problems: string[] = [];
    for (const handler of handlers) {
      const patterns = handler.patterns.map(compilePattern);
      for (const type of this.catalog.types()) {
        if (!patterns.some((p) => p.matches(type))) continue;
        const target = this.target(handler, type)!;
        for (const version of this.catalog.versions(type)) {
          if (version > target) {
            problems.push(
              `${handler.name} takes "${type}" v${target}, but v${version} is registered and events are never downcast; ` +
                `let it take v${version}`,
            );
          } else if (version < target) {
            const gap = this.firstGap(type, version, target);
            if (gap !== undefined)
              problems.push(
                `"${type}" v${version} cannot reach v${target} (taken by ${handler.name}): no upcaster from v${gap} to v${gap + 1}`,
              );
          }
        }
      }
    }
    return [...new Set(problems)];
  }

  private firstGap(type: string, from: number, to: number): number | undefined {
    const steps = this.steps.get(type);
    for (let version = from; version < to; version++) if (steps?.get(version) === undefined) return version;
    return undefined;
  }

  private validatorFor(definition: EventDefinition): CompiledPayloadValidator {
    let validator = this.validators.get(definition);
    if (validator === undefined) this.validators.set(definition, (validator = compilePayloadValidator(definition.payload)));
    return validator;
  }
}
