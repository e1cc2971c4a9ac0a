import type { Type } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { createDomainEvent } from '../event/domain-event.js';
import type { EventCreateOptions } from '../interfaces/domain-event.interface.js';
import type { EventDefinition, EventFactory, PayloadInput } from '../interfaces/event-definition.interface.js';

/** Declares one (type, version) of the catalog. */
export function defineEvent<TPayload extends object, TType extends string>(definition: {
  type: TType;
  payload: Type<TPayload>;
  version?: number;
  domain?: string;
  description?: string;
}): EventDefinition<TPayload, TType> {
  return Object.freeze({ ...definition, version: definition.version ?? 1 });
}

/**
 * Turns plain data into an instance of the payload class, so class-validator finds its metadata and
 * class-transformer revives dates and nested classes. Instances pass through untouched.
 */
export function toPayloadInstance<TPayload extends object>(payload: Type<TPayload>, data: unknown): TPayload {
  if (data instanceof payload) return data;
  return plainToInstance(payload, data) as TPayload;
}

/** Makes the factory for a definition; it sets the id, time and version, and leaves validation to `publish`. */
export function eventFactory<TPayload extends object, TType extends string>(
  definition: EventDefinition<TPayload, TType>,
): EventFactory<TPayload, TType> {
  const factory = (data: PayloadInput<TPayload>, options?: EventCreateOptions) =>
    createDomainEvent({
      ...options,
      type: definition.type,
      version: definition.version,
      data: toPayloadInstance(definition.payload, data),
    });
  return Object.assign(factory, { definition });
}
