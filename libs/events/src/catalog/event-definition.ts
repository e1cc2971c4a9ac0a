import type { Type } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage } from 'class-validator';
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

const SCALAR_TYPES = new Set<unknown>([String, Number, Boolean]);
const flatClasses = new WeakMap<Type<object>, boolean>();

/**
 * Whether class-transformer has nothing to revive in the class: every validated property is declared a string, number
 * or boolean (by the `design:type` TypeScript emits for decorated properties). Such a class is filled by assignment:
 * `plainToInstance` costs microseconds per call, most of an upcast or a revived job.
 */
function isFlat(payload: Type<object>): boolean {
  let flat = flatClasses.get(payload);
  if (flat === undefined) {
    const properties = new Set(
      getMetadataStorage()
        .getTargetValidationMetadatas(payload, undefined as unknown as string, false, false, undefined)
        .map((m) => m.propertyName),
    );
    flat =
      typeof Reflect.getMetadata === 'function' &&
      properties.size > 0 &&
      [...properties].every((property) => SCALAR_TYPES.has(Reflect.getMetadata('design:type', payload.prototype, property)));
    flatClasses.set(payload, flat);
  }
  return flat;
}

/**
 * Turns plain data into an instance of the payload class, so class-validator finds its metadata and
 * class-transformer revives dates and nested classes. Instances pass through untouched.
 */
export function toPayloadInstance<TPayload extends object>(payload: Type<TPayload>, data: unknown): TPayload {
  if (data instanceof payload) return data;
  if (data !== null && typeof data === 'object' && !Array.isArray(data) && isFlat(payload)) return Object.assign(new payload(), data);
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
