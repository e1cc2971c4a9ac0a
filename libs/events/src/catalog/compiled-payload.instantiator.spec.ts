import 'reflect-metadata';
import type { Type as ClassType } from '@nestjs/common';
import { Exclude, Expose, plainToInstance, Transform, Type } from 'class-transformer';
import { IsBoolean, IsDate, IsInt, IsOptional, IsString, ValidateNested } from 'class-validator';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compilePayloadInstantiator } from './compiled-payload.instantiator.js';
import { toPayloadInstance } from './event-definition.js';
import { payloadViolations } from './payload.validator.js';

class Renewal {
  @IsString() subscription_id: string;
  @IsInt() amount: number;
  @IsDate() @Type(() => Date) expires_at: Date;
  @IsOptional() @IsDate() @Type(() => Date) paused_at?: Date;
  @IsBoolean() auto_renew: boolean;
  @IsString({ each: true }) tags: string[];
}

class Address {
  @IsString() city: string;
}

class WithNested {
  @IsString() name: string;
  @ValidateNested() @Type(() => Address) address: Address;
}

class WithTransform {
  @IsString() @Transform(({ value }) => String(value).trim()) name: string;
  @IsDate() @Type(() => Date) at: Date;
}

class WithExpose {
  @IsString() @Expose({ name: 'full_name' }) name: string;
  @IsDate() @Type(() => Date) at: Date;
}

class WithExclude {
  @IsString() name: string;
  @IsString() @Exclude() secret: string;
  @IsDate() @Type(() => Date) at: Date;
}

class WithAccessor {
  @IsDate() @Type(() => Date) at: Date;
  private stored = '';
  @IsString()
  get label(): string {
    return this.stored;
  }
}

const valid = {
  subscription_id: 'sub-1',
  amount: 999,
  expires_at: new Date('2026-02-01T00:00:00.000Z'),
  auto_renew: true,
  tags: ['monthly', 'promo'],
};

// Every input the differential test feeds both paths: valid ones, and ones the compiled path must leave alone.
const inputs: [string, Record<string, unknown>][] = [
  ['valid', valid],
  ['a date as an ISO string', { ...valid, expires_at: '2026-02-01T00:00:00.000Z' }],
  ['a date as a number', { ...valid, expires_at: 1_769_904_000_000 }],
  ['a date as a boolean', { ...valid, expires_at: true }],
  ['an unparseable date', { ...valid, expires_at: 'next tuesday-ish' }],
  ['a null date', { ...valid, expires_at: null }],
  ['an undefined optional date', { ...valid, paused_at: undefined }],
  ['a set optional date', { ...valid, paused_at: new Date(0) }],
  ['a missing field', { subscription_id: 'sub-1', amount: 1 }],
  ['an empty object', {}],
  ['wrong scalar types', { ...valid, subscription_id: 7, amount: '999', auto_renew: 'yes' }],
  ['a Date on a plain field', { ...valid, subscription_id: new Date(5) }],
  ['an unknown key', { ...valid, extra: 'x' }],
  ['a nested object', { ...valid, tags: { first: 'a' } }],
  ['an object as a date', { ...valid, expires_at: { iso: '2026-02-01' } }],
  ['an array as a date', { ...valid, expires_at: ['2026-02-01'] }],
  ['a set of tags', { ...valid, tags: new Set(['a', 'b']) }],
  ['an array with a hole', { ...valid, tags: ['a', , 'c'] }], // eslint-disable-line no-sparse-arrays
  ['an array of dates', { ...valid, tags: [new Date(1)] }],
  ['an array of objects', { ...valid, tags: [{ a: 1 }] }],
  ['a bigint', { ...valid, amount: 10n }],
  ['a __proto__ key', JSON.parse('{"subscription_id":"s","__proto__":{"amount":1}}') as Record<string, unknown>],
  ['a null-prototype object', Object.assign(Object.create(null) as object, valid)],
];

/** A comparable picture of a value: constructors by name, own keys in order, dates by time (an invalid one too). */
function picture(value: unknown): unknown {
  if (value instanceof Date) return `Date(${value.getTime()})`;
  if (value === null || typeof value !== 'object') return typeof value === 'bigint' ? `${value}n` : value;
  const entries = value instanceof Set || value instanceof Map ? [...value.entries()] : Object.entries(value);
  return { constructor: value.constructor?.name ?? null, entries: entries.map(([k, v]) => [picture(k), picture(v)]) };
}

function assertSameAsClassTransformer(payloadClass: ClassType<object>, data: object): void {
  const slow = plainToInstance(payloadClass, data) as object;
  const fast = toPayloadInstance(payloadClass, data);
  assert.equal(fast.constructor, slow.constructor);
  assert.deepStrictEqual(picture(fast), picture(slow));
  assert.deepEqual(payloadViolations(fast), payloadViolations(slow));
}

describe('compilePayloadInstantiator', () => {
  for (const [what, data] of inputs) {
    it(`builds what plainToInstance builds, for ${what}`, () => assertSameAsClassTransformer(Renewal, data));
  }

  it('decides valid data itself, with fresh dates and arrays', () => {
    const instance = compilePayloadInstantiator(Renewal)(valid) as Renewal | undefined;
    assert.ok(instance instanceof Renewal);
    assert.ok(instance.expires_at instanceof Date && instance.expires_at !== valid.expires_at);
    assert.equal(instance.expires_at.getTime(), valid.expires_at.getTime());
    assert.notEqual(instance.tags, valid.tags);
    assert.deepEqual(instance.tags, valid.tags);
    assert.deepEqual(compilePayloadInstantiator(Renewal)({ ...valid, expires_at: '2026-02-01T00:00:00.000Z' }), instance);
  });

  it('leaves to class-transformer any data it does not copy exactly', () => {
    const instantiate = compilePayloadInstantiator(Renewal);
    for (const what of ['an unknown key', 'a nested object', 'a set of tags', 'an array with a hole', 'an array of dates', 'a bigint']) {
      assert.equal(instantiate(inputs.find(([name]) => name === what)![1]), undefined, what);
    }
    assert.equal(instantiate(new Map()), undefined, 'not a plain object');
    assert.equal(instantiate(Object.assign(new Address(), { city: 'x' })), undefined, 'an instance of another class');
  });

  describe('compiles no class that class-transformer treats specially:', () => {
    const cases: [string, ClassType<object>, Record<string, unknown>][] = [
      ['a nested class', WithNested, { name: 'n', address: { city: 'Lyon' } }],
      ['@Transform', WithTransform, { name: '  padded  ', at: '2026-01-01T00:00:00.000Z' }],
      ['@Expose with a name', WithExpose, { full_name: 'Ada', at: 0 }],
      ['@Exclude', WithExclude, { name: 'n', secret: 's', at: 0 }],
      ['a validated accessor', WithAccessor, { at: 0, label: 'x' }],
    ];
    for (const [what, payloadClass, data] of cases) {
      it(what, () => {
        assert.equal(compilePayloadInstantiator(payloadClass)(data), undefined);
        assertSameAsClassTransformer(payloadClass, data);
      });
    }

    it('and still revives nested class instances through class-transformer', () => {
      const instance = toPayloadInstance(WithNested, { name: 'n', address: { city: 'Lyon' } });
      assert.ok(instance.address instanceof Address);
    });
  });
});
