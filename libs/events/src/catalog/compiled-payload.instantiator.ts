import { createRequire } from 'node:module';
import type { Type } from '@nestjs/common';
import { plainToInstance, TransformationType } from 'class-transformer';
import type { MetadataStorage } from 'class-transformer/types/MetadataStorage.js';
import { getMetadataStorage } from 'class-validator';

/**
 * What `plainToInstance(payloadClass, data)` returns for `data`, built in one pass over its keys, or `undefined`
 * when this data needs class-transformer itself (then call it: the result must be the same either way).
 */
export type CompiledPayloadInstantiator = (data: object) => object | undefined;

/** How class-transformer treats one property: copied as it is, or revived as a `Date` (`@Type(() => Date)`). */
type PropertyKind = 'plain' | 'date';

const NOT_COMPILED: CompiledPayloadInstantiator = () => undefined;

/**
 * Compiles `plainToInstance` (default options) for a payload class whose properties are all either without
 * class-transformer metadata or `@Type(() => Date)`, such as the catalog's classes with `@IsTimestamp()` dates or
 * string lists. class-transformer looks every key up in its metadata storage on every call, which made it most of
 * a factory-built publish of such a payload.
 *
 * The class qualifies when: it has validated properties, none of them named on its prototype chain or a function
 * on a fresh instance, no `@Expose`, `@Exclude` or `@Transform` metadata, and every `@Type` returns `Date`
 * without a discriminator. A class-transformer that answers a probe differently keeps the class on it too.
 *
 * Per call, the data must be a plain object whose every key is a validated property, each value one of: a string,
 * number, boolean, `null` or `undefined` (copied), a `Date` (copied as a new `Date`), on a plain property an array
 * without holes of such primitives (copied), on a date property a string, number or boolean (`new Date(value)`).
 * Anything else returns `undefined`: class-transformer decides it, and the unknown key or odd value then fails
 * validation with class-validator's own message.
 */
export function compilePayloadInstantiator(payloadClass: Type<object>): CompiledPayloadInstantiator {
  const kinds = propertyKinds(payloadClass);
  if (kinds === undefined) return NOT_COMPILED;
  const instantiate: CompiledPayloadInstantiator = (data) => {
    const prototype: unknown = Object.getPrototypeOf(data);
    if (prototype !== Object.prototype && prototype !== null) return undefined;
    const instance = new payloadClass() as Record<string, unknown>;
    const record = data as Record<string, unknown>;
    const keys = Object.keys(record);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const kind = kinds.get(key);
      if (kind === undefined) return undefined;
      const value = record[key];
      let copy: unknown;
      if (value === null || value === undefined) copy = value;
      else if (value instanceof Date) copy = new Date(value.valueOf());
      // On a date property class-transformer calls `new Date(value)` on a boolean too (`true` is 1 ms after the epoch).
      else if (isScalar(value)) copy = kind === 'date' ? new Date(value as number) : value;
      else if (kind === 'plain' && Array.isArray(value)) copy = copyScalarArray(value);
      if (copy === undefined && value !== undefined) return undefined;
      instance[key] = copy;
    }
    return instance;
  };
  return probeAgrees(payloadClass, kinds, instantiate) ? instantiate : NOT_COMPILED;
}

function isScalar(value: unknown): value is string | number | boolean {
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean';
}

/** A copy of an array of primitives, as class-transformer's `forEach` and `push` make it; `undefined` otherwise. */
function copyScalarArray(array: unknown[]): unknown[] | undefined {
  // A subclass may override iteration, and holes are dropped by `forEach`: leave both to class-transformer.
  if (Object.getPrototypeOf(array) !== Array.prototype) return undefined;
  const copy = new Array<unknown>(array.length);
  for (let i = 0; i < array.length; i++) {
    if (!(i in array)) return undefined;
    const item = array[i];
    if (item !== null && item !== undefined && !isScalar(item)) return undefined;
    copy[i] = item;
  }
  return copy;
}

// class-transformer keeps its metadata storage out of its index; @nestjs/mapped-types and @nestjs/swagger read it
// from this path too. Loaded through `require`, the storage is the one `plainToInstance` (its CommonJS build) uses;
// any other copy would answer the probe below wrongly and keep every class on class-transformer.
function transformerStorage(): MetadataStorage | undefined {
  try {
    const storage: unknown = createRequire(import.meta.url)('class-transformer/cjs/storage').defaultMetadataStorage;
    return typeof (storage as MetadataStorage | undefined)?.findTypeMetadata === 'function' ? (storage as MetadataStorage) : undefined;
  } catch {
    return undefined;
  }
}

/** The kind of every validated property, or `undefined` when the class has anything else. */
function propertyKinds(payloadClass: Type<object>): ReadonlyMap<string, PropertyKind> | undefined {
  const storage = transformerStorage();
  if (storage === undefined) return undefined;
  const metadatas = getMetadataStorage().getTargetValidationMetadatas(
    payloadClass,
    undefined as unknown as string,
    false,
    false,
    undefined,
  );
  const properties = new Set(metadatas.map((m) => m.propertyName));
  if (properties.size === 0) return undefined;
  if (storage.getStrategy(payloadClass) !== 'none') return undefined;
  if (storage.getExposedMetadatas(payloadClass).length > 0 || storage.getExcludedMetadatas(payloadClass).length > 0) return undefined;
  const fresh = new payloadClass() as Record<string, unknown>;
  const kinds = new Map<string, PropertyKind>();
  for (const property of properties) {
    // class-transformer skips keys the prototype defines without a setter, and functions of the fresh instance.
    if (typeof property !== 'string' || property in payloadClass.prototype || typeof fresh[property] === 'function') return undefined;
    if (storage.findTransformMetadatas(payloadClass, property, TransformationType.PLAIN_TO_CLASS).length > 0) return undefined;
    const type = storage.findTypeMetadata(payloadClass, property);
    if (type === undefined) {
      kinds.set(property, 'plain');
      continue;
    }
    if (type.options?.discriminator !== undefined || typeof type.typeFunction !== 'function') return undefined;
    if (type.typeFunction() !== Date) return undefined;
    kinds.set(property, 'date');
  }
  return kinds;
}

/** Whether class-transformer makes what `instantiate` makes of one value per property. */
function probeAgrees(
  payloadClass: Type<object>,
  kinds: ReadonlyMap<string, PropertyKind>,
  instantiate: CompiledPayloadInstantiator,
): boolean {
  const probe: Record<string, unknown> = {};
  for (const [property, kind] of kinds) probe[property] = kind === 'date' ? '2001-02-03T04:05:06.007Z' : 'probe';
  const fast = instantiate(probe) as Record<string, unknown> | undefined;
  const slow = plainToInstance(payloadClass, probe) as Record<string, unknown>;
  if (fast === undefined || slow.constructor !== payloadClass) return false;
  const keys = Object.keys(slow);
  if (keys.join('\n') !== Object.keys(fast).join('\n')) return false;
  return keys.every((key) => {
    const [a, b] = [fast[key], slow[key]];
    return a instanceof Date ? b instanceof Date && a.getTime() === b.getTime() : a === b;
  });
}
