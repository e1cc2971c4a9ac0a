import { Inject, Injectable } from '@nestjs/common';
import { toPayloadInstance } from '../catalog/event-definition.js';
import { compilePayloadValidator, type CompiledPayloadValidator } from '../catalog/compiled-payload.validator.js';
import { EventValidationError } from '../errors/event-validation.error.js';
import { InvalidEventEnvelopeError } from '../errors/invalid-event-envelope.error.js';
import { UnknownEventTypeError, UnknownEventVersionError } from '../errors/unknown-event-type.error.js';
import { withEnvelope } from '../event/domain-event.js';
import { envelopeViolations, isSoundEnvelope } from '../event/envelope.validator.js';
import { EVENT_TYPE_PATTERN, RESOLVED_EVENTS_OPTIONS } from '../events.constants.js';
import type { DomainEvent } from '../interfaces/domain-event.interface.js';
import type { EventDefinition } from '../interfaces/event-definition.interface.js';
import type { ResolvedEventsOptions } from '../options/events-options.resolver.js';

// Bounds the memo of valid types when unknown types are allowed and arrive in unbounded variety.
const MAX_REMEMBERED_TYPES = 10_000;

/** Turns what a producer hands to `publish` into the event that is logged and dispatched, or rejects it. */
@Injectable()
export class EventPreparer {
  private readonly validTypes = new Set<string>();
  // Compiled once per definition: class-validator looks rules up on every call, which costs most of a publish.
  private readonly validators = new Map<EventDefinition, CompiledPayloadValidator>();
  private readonly typeIsValid = (type: string): boolean => {
    if (this.validTypes.has(type)) return true;
    if (!EVENT_TYPE_PATTERN.test(type)) return false;
    if (this.validTypes.size >= MAX_REMEMBERED_TYPES) this.validTypes.clear();
    this.validTypes.add(type);
    return true;
  };

  constructor(@Inject(RESOLVED_EVENTS_OPTIONS) private readonly options: ResolvedEventsOptions) {}

  /**
   * Envelope check, catalog check, payload validation and `source` stamping.
   * @throws InvalidEventEnvelopeError, UnknownEventTypeError, UnknownEventVersionError or EventValidationError
   */
  prepare(event: DomainEvent): DomainEvent {
    if (!isSoundEnvelope(event, this.typeIsValid)) throw new InvalidEventEnvelopeError(envelopeViolations(event));
    const { catalog } = this.options;
    const definition = catalog.isEmpty ? undefined : catalog.get(event.type, event.version);
    let prepared = event;
    if (definition === undefined) {
      if (catalog.has(event.type)) throw new UnknownEventVersionError(event.type, event.version, catalog.versions(event.type));
      if (this.options.unknownEvents === 'reject') throw new UnknownEventTypeError(event.type);
    } else if (this.options.validatePayloads) {
      if (event.data === null || typeof event.data !== 'object') {
        throw new EventValidationError(event.type, event.version, [
          { path: 'data', constraint: 'isObject', message: `data must be an object shaped like ${definition.payload.name}` },
        ]);
      }
      const payload = toPayloadInstance(definition.payload, event.data);
      const problems = this.validatorFor(definition)(payload);
      if (problems.length > 0) throw new EventValidationError(event.type, event.version, problems);
      if (payload !== event.data) prepared = withEnvelope(prepared, { data: payload });
    }
    // Every field of a prepared event is frozen already, so a shallow frozen copy is enough here.
    return prepared.source === '' ? Object.freeze({ ...prepared, source: this.options.source }) : prepared;
  }

  private validatorFor(definition: EventDefinition): CompiledPayloadValidator {
    let validator = this.validators.get(definition);
    if (validator === undefined) {
      validator = compilePayloadValidator(definition.payload);
      this.validators.set(definition, validator);
    }
    return validator;
  }
}
