import type { Type } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage } from 'class-validator';
import { compilePayloadInstantiator, type CompiledPayloadInstantiator } from './compiled-payload.instantiator.js';
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
// Per class, not per catalog: like `flatClasses`, it depends only on the class's decorators, which never change.
const instantiators = new WeakMap<Type<object>, CompiledPayloadInstantiator>();

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

function instantiatorFor(payload: Type<object>): CompiledPayloadInstantiator {
  let instantiator = instantiators.get(payload);
  if (instantiator === undefined) {
    instantiator = compilePayloadInstantiator(payload);
    instantiators.set(payload, instantiator);
  }
  return instantiator;
}

/**
 * Turns plain data into an instance of the payload class, so class-validator finds its metadata and
 * class-transformer revives dates and nested classes. Instances pass through untouched. Flat classes are filled by
 * assignment, and classes of plain and date properties by their compiled `plainToInstance` when the data allows.
 */
export function toPayloadInstance<TPayload extends object>(payload: Type<TPayload>, data: unknown): TPayload {
  if (data instanceof payload) return data;
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
    if (isFlat(payload)) return Object.assign(new payload(), data);
    const instance = instantiatorFor(payload)(data);
    if (instance !== undefined) return instance as TPayload;
  }
  return plainToInstance(payload, data) as TPayload;
}

/** Makes the factory for a definition; it sets the id, time and version, and leaves validation to `publish`. */
export function eventFactory<TPayload extends object, TType extends string>(
  definition: EventDefinition<TPayload, TType>,
): EventFactory<TPayload, TType> {
  const { type, version, payload } = definition;
  const factory = (data: PayloadInput<TPayload>, options?: EventCreateOptions) =>
    // Without options, no spread: the common call is `bookPurchased({ ... })`.
    createDomainEvent(
      options === undefined
        ? { type, version, data: toPayloadInstance(payload, data) }
        : { ...options, type, version, data: toPayloadInstance(payload, data) },
    );
  return Object.assign(factory, { definition });
}
