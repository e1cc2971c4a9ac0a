import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage } from 'class-validator';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deserializeEvent, eventFactory, serializeEvent, type EventDefinition } from '@webnovel/events';
import { compilePayloadValidator, payloadViolations } from '@webnovel/events/internal';
import { webNovelCatalog } from './catalog.js';

// The factories and `deserializeEvent` build payloads on fast paths (assignment for flat classes, a compiled
// plainToInstance for classes with dates and lists) and validation skips work for built-in rules. These tests hold
// every catalog class to class-transformer's and class-validator's own results, for valid data and for odd data.

type Input = Record<string, unknown>;

const fieldsOf = (payload: EventDefinition['payload']): string[] => [
  ...new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(payload, '', true, false)
      .map((m) => m.propertyName),
  ),
];

const designType = (payload: EventDefinition['payload'], field: string): unknown =>
  Reflect.getMetadata('design:type', payload.prototype, field);

/** A value of the field's declared type: what a typed producer passes. */
function sampleOf(payload: EventDefinition['payload'], field: string): unknown {
  switch (designType(payload, field)) {
    case Number:
      return 3;
    case Boolean:
      return true;
    case Date:
      return new Date('2026-01-02T03:04:05.006Z');
    case Array:
      return ['title', 'body'];
    default:
      return `${field}-1`;
  }
}

/** Fresh inputs per call (the factory freezes what it keeps): one typed, then one change per field and a few more. */
function inputsFor(payload: EventDefinition['payload']): [string, () => Input][] {
  const fields = fieldsOf(payload);
  const typed = (): Input => Object.fromEntries(fields.map((f) => [f, sampleOf(payload, f)]));
  const changed = (field: string, value: () => unknown) => (): Input => ({ ...typed(), [field]: value() });
  const cases: [string, () => Input][] = [
    ['typed data', typed],
    ['an unknown key', () => ({ ...typed(), unexpected: 'x' })],
    ['no fields', () => ({})],
  ];
  for (const field of fields) {
    cases.push([`${field} null`, changed(field, () => null)]);
    cases.push([`${field} undefined`, changed(field, () => undefined)]);
    cases.push([`${field} a nested object`, changed(field, () => ({ nested: 1 }))]);
    cases.push([`${field} a number`, changed(field, () => 42)]);
    cases.push([`${field} a string`, changed(field, () => 'text')]);
    if (designType(payload, field) === Date) {
      cases.push([`${field} an ISO string`, changed(field, () => '2026-01-02T03:04:05.006Z')]);
      cases.push([`${field} an invalid date`, changed(field, () => new Date(Number.NaN))]);
    }
    if (designType(payload, field) === Array) {
      cases.push([`${field} a list with a number`, changed(field, () => ['a', 2])]);
      cases.push([`${field} an empty list`, changed(field, () => [])]);
    }
  }
  return cases;
}

/** A comparable picture of a value: constructors by name, own keys in order, dates by time (an invalid one too). */
function picture(value: unknown): unknown {
  if (value instanceof Date) return `Date(${value.getTime()})`;
  if (value === null || typeof value !== 'object') return value;
  return { constructor: value.constructor?.name ?? null, entries: Object.entries(value).map(([k, v]) => [k, picture(v)]) };
}

describe('every catalog payload class', () => {
  for (const definition of webNovelCatalog.definitions()) {
    const { payload } = definition;
    const factory = eventFactory(definition);
    const validate = compilePayloadValidator(payload);
    it(`${definition.type} v${definition.version}: factories build and validation judges what class-transformer and class-validator do`, () => {
      for (const [what, input] of inputsFor(payload)) {
        const slow = plainToInstance(payload, input()) as object;
        const fast = factory(input() as never).data as object;
        assert.equal(fast.constructor, payload, what);
        assert.deepStrictEqual(picture(fast), picture(slow), what);
        assert.deepEqual(validate(fast), payloadViolations(slow), what);
      }
    });

    it(`${definition.type} v${definition.version}: a JSON round trip restores the payload class, dates included`, () => {
      const typed = inputsFor(payload)[0]![1]();
      const event = factory(typed as never);
      const back = deserializeEvent(serializeEvent(event), webNovelCatalog);
      assert.deepStrictEqual(picture(back.data), picture(plainToInstance(payload, JSON.parse(JSON.stringify(typed)))));
    });
  }
});
