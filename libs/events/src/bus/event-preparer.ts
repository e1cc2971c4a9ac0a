import { Inject, Injectable } from '@nestjs/common';
import { toPayloadInstance } from '../catalog/event-definition.js';
import { payloadViolations } from '../catalog/payload.validator.js';
import { EventValidationError } from '../errors/event-validation.error.js';
import { InvalidEventEnvelopeError } from '../errors/invalid-event-envelope.error.js';
import { UnknownEventTypeError, UnknownEventVersionError } from '../errors/unknown-event-type.error.js';
import { withEnvelope } from '../event/domain-event.js';
import { envelopeViolations } from '../event/envelope.validator.js';
import { RESOLVED_EVENTS_OPTIONS } from '../events.constants.js';
import type { DomainEvent } from '../interfaces/domain-event.interface.js';
import type { ResolvedEventsOptions } from '../options/events-options.resolver.js';

/** Turns what a producer hands to `publish` into the event that is logged and dispatched, or rejects it. */
@Injectable()
export class EventPreparer {
  constructor(@Inject(RESOLVED_EVENTS_OPTIONS) private readonly options: ResolvedEventsOptions) {}

  /**
   * Envelope check, catalog check, payload validation and `source` stamping.
   * @throws InvalidEventEnvelopeError, UnknownEventTypeError, UnknownEventVersionError or EventValidationError
   */
  prepare(event: DomainEvent): DomainEvent {
    const violations = envelopeViolations(event);
    if (violations.length > 0) throw new InvalidEventEnvelopeError(violations);
    const { catalog } = this.options;
    const definition = catalog.get(event.type, event.version);
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
      const problems = payloadViolations(payload);
      if (problems.length > 0) throw new EventValidationError(event.type, event.version, problems);
      if (payload !== event.data) prepared = withEnvelope(prepared, { data: payload });
    }
    return prepared.source === '' ? withEnvelope(prepared, { source: this.options.source }) : prepared;
  }
}
