import 'reflect-metadata';
import type { Type as ClassType } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  Allow,
  IsDate,
  IsDefined,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  Validate,
  ValidateIf,
  ValidateNested,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compilePayloadValidator } from './compiled-payload.validator.js';
import { payloadViolations } from './payload.validator.js';

// Arguments each custom constraint saw, so the test can compare what the fast path passes with what class-validator passes.
const seenArguments: ValidationArguments[] = [];

@ValidatorConstraint({ name: 'isMultipleOf' })
class IsMultipleOfConstraint implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    seenArguments.push({ ...args });
    return typeof value === 'number' && value % (args.constraints[0] as number) === 0;
  }
  defaultMessage(args: ValidationArguments): string {
    return `${args.property} must be a multiple of ${String(args.constraints[0])}`;
  }
}

@ValidatorConstraint({ name: 'isKnownSku', async: true })
class IsKnownSkuConstraint implements ValidatorConstraintInterface {
  async validate(value: unknown): Promise<boolean> {
    return value === 'sku-1';
  }
}

class Profile {
  @IsString() @MaxLength(16) username: string;
  @IsEmail() email: string;
  @IsOptional() @IsString() @MaxLength(8) nickname?: string;
  // Two conditions: both must hold for the rules to run.
  @IsOptional() @ValidateIf((profile: Profile) => profile.username !== 'admin') @IsString() bio?: string;
}

class Payment {
  @IsIn(['card', 'cash']) method: string;
  // Required only for cards.
  @ValidateIf((payment: Payment) => payment.method === 'card') @IsString() @MaxLength(4) last4?: string;
  @IsInt() @Min(1) @Max(1000) amount: number;
  @Validate(IsMultipleOfConstraint, [5]) rounded: number;
}

class Shipment {
  @IsDate() @Type(() => Date) shipped_at: Date;
  @IsDefined() carrier: unknown;
  @IsIn(['fragile', 'cold'], { each: true }) labels: string[];
  @IsString({ each: true }) @MaxLength(3, { each: true }) codes: string[] | Set<string> | Map<string, string>;
  // Per-rule condition: only a carrier of `post` needs a tracking id.
  @IsString({ validateIf: (shipment: Shipment) => shipment.carrier === 'post' }) tracking?: string;
}

class BaseItem {
  @IsString() item_id: string;
}

class PricedItem extends BaseItem {
  @IsInt() @Min(0) price: number;
}

class SkuItem {
  @IsString() @Validate(IsKnownSkuConstraint) sku: string;
}

class Address {
  @IsString() city: string;
}

class Order {
  @IsString() order_id: string;
  @ValidateNested() @Type(() => Address) ship_to: Address;
}

class Tagged {
  @IsString() id: string;
  @Allow() note: unknown;
}

class Grouped {
  @IsString({ groups: ['admin'] }) id: string;
}

class Undecorated {
  id: string;
}

/** `[<hole>, item]`: class-validator's `each` skips holes. */
function withHole(item: string): string[] {
  const array = new Array<string>(2);
  array[1] = item;
  return array;
}

interface Case {
  readonly payloadClass: ClassType<object>;
  readonly valid: Readonly<Record<string, unknown>>;
  /** Values worth trying for one field on top of the shared list: boundaries, near misses. */
  readonly edges?: Readonly<Record<string, readonly unknown[]>>;
}

const WRONG_VALUES: readonly unknown[] = [
  undefined,
  null,
  '',
  'x',
  'abcd',
  'abcde',
  'A'.repeat(17),
  'alice@example.com',
  'not an email',
  0,
  -1,
  1,
  5,
  1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  [],
  ['fragile'],
  ['fragile', 'hot'],
  ['abc', 'abcd'],
  [1],
  new Set(['ab']),
  new Set(['abcd']),
  new Map([['k', 'ab']]),
  new Map([['k', 7]]),
  {},
  new Date('2024-05-01T10:00:00Z'),
  new Date('not a date'),
  '2024-05-01T10:00:00Z',
  10n,
];

const CASES: readonly Case[] = [
  {
    payloadClass: Profile,
    valid: { username: 'alice', email: 'alice@example.com', nickname: 'al', bio: 'Reads at night.' },
    edges: { username: ['admin', 'A'.repeat(16), 'A'.repeat(17)], nickname: ['12345678', '123456789'] },
  },
  {
    payloadClass: Payment,
    valid: { method: 'card', last4: '4242', amount: 500, rounded: 10 },
    edges: { method: ['cash', 'Card', 'cheque'], amount: [1, 0, 1000, 1001, 999.5], rounded: [0, -5, 7, '10'], last4: ['12345'] },
  },
  {
    payloadClass: Shipment,
    valid: { shipped_at: new Date('2024-05-01T10:00:00Z'), carrier: 'post', labels: ['cold'], codes: ['ab'], tracking: 'T1' },
    edges: { carrier: ['courier', 'post', 0, false], labels: [new Set(['cold']), new Set(['hot']), 'cold', withHole('cold')] },
  },
  { payloadClass: PricedItem, valid: { item_id: 'i1', price: 0 }, edges: { price: [0, -1, 2 ** 53] } },
  { payloadClass: SkuItem, valid: { sku: 'sku-1' } },
  { payloadClass: Order, valid: { order_id: 'o1', ship_to: Object.assign(new Address(), { city: 'Paris' }) } },
  { payloadClass: Tagged, valid: { id: 't1', note: 'anything' } },
  { payloadClass: Grouped, valid: { id: 'g1' } },
  { payloadClass: Undecorated, valid: { id: 'u1' } },
];

/** What a validator did, thrown errors included, so both paths can be compared whatever happens. */
function outcome(run: () => unknown): unknown {
  try {
    return { returned: run() };
  } catch (error) {
    return { threw: String(error) };
  }
}

function isDecided(result: unknown): result is { returned: readonly unknown[] } {
  const returned = (result as { returned?: unknown }).returned;
  return Array.isArray(returned) && returned.length === 0;
}

function build(payloadClass: ClassType<object>, fields: Readonly<Record<string, unknown>>): object {
  return Object.assign(new payloadClass(), fields);
}

/** The valid payload, then each field wrong in every way, missing, both of two fields wrong, all fields wrong, and an extra key. */
function* variants({ payloadClass, valid, edges = {} }: Case): Generator<{ label: string; payload: object }> {
  const fields = Object.keys(valid);
  yield { label: 'valid', payload: build(payloadClass, valid) };
  for (const field of fields) {
    const { [field]: _dropped, ...rest } = valid;
    yield { label: `${field} missing`, payload: build(payloadClass, rest) };
    for (const value of [...(edges[field] ?? []), ...WRONG_VALUES]) {
      yield { label: `${field} = ${describeValue(value)}`, payload: build(payloadClass, { ...valid, [field]: value }) };
    }
  }
  for (const value of WRONG_VALUES) {
    const allWrong = Object.fromEntries(fields.map((field) => [field, value]));
    yield { label: `every field = ${describeValue(value)}`, payload: build(payloadClass, allWrong) };
    if (fields.length > 1) {
      yield {
        label: `${fields[0]} and ${fields[1]} = ${describeValue(value)}`,
        payload: build(payloadClass, { ...valid, [fields[0]]: value, [fields[1]]: value }),
      };
    }
  }
  yield { label: 'extra key', payload: build(payloadClass, { ...valid, extra: 1 }) };
  yield { label: 'extra key only', payload: build(payloadClass, { extra: 1 }) };
  yield { label: 'empty', payload: new payloadClass() };
  yield { label: 'frozen valid', payload: Object.freeze(build(payloadClass, valid)) };
}

function describeValue(value: unknown): string {
  if (value instanceof Date) return `Date(${Number.isNaN(value.getTime()) ? 'invalid' : value.toISOString()})`;
  if (value instanceof Set || value instanceof Map) return `${value.constructor.name}(${JSON.stringify([...value])})`;
  if (typeof value === 'bigint') return `${value}n`;
  return value === undefined ? 'undefined' : (JSON.stringify(value) ?? String(value));
}

describe('compilePayloadValidator', () => {
  describe('returns exactly what payloadViolations returns', () => {
    for (const testCase of CASES) {
      it(`for ${testCase.payloadClass.name}`, () => {
        const compiled = compilePayloadValidator(testCase.payloadClass);
        let checked = 0;
        for (const { label, payload } of variants(testCase)) {
          const fast = outcome(() => compiled(payload));
          const slow = outcome(() => payloadViolations(payload));
          assert.deepStrictEqual(fast, slow, `${testCase.payloadClass.name}, ${label}`);
          // Handing a valid payload to class-validator is never wrong, only slow: catch a needlessly cautious fast path.
          if (compiled.fastPath && isDecided(fast)) {
            assert.ok(Object.isFrozen(fast.returned), `${testCase.payloadClass.name}, ${label}: a valid payload took the slow path`);
          }
          checked++;
        }
        assert.ok(checked > 30, `only ${checked} variants`);
      });
    }
  });

  it('decides valid payloads itself, returning one shared frozen empty array', () => {
    for (const { payloadClass, valid } of CASES.slice(0, 4)) {
      const compiled = compilePayloadValidator(payloadClass);
      assert.equal(compiled.fastPath, true, `${payloadClass.name}: ${compiled.slowPathReason}`);
      assert.equal(compiled.slowPathReason, undefined);
      const result = compiled(build(payloadClass, valid));
      assert.deepStrictEqual(result, []);
      assert.ok(Object.isFrozen(result), `${payloadClass.name} went through class-validator`);
      assert.equal(compiled(build(payloadClass, valid)), result);
    }
  });

  it('reports optional and conditional fields as class-validator does', () => {
    const profile = compilePayloadValidator(Profile);
    assert.deepStrictEqual(profile(build(Profile, { username: 'alice', email: 'alice@example.com', nickname: null })), []);
    assert.deepStrictEqual(profile(build(Profile, { username: 'alice', email: 'alice@example.com', nickname: 'far too long' })), [
      { path: 'data.nickname', constraint: 'maxLength', message: 'nickname must be shorter than or equal to 8 characters' },
    ]);
    const skipped = profile(build(Profile, { username: 'admin', email: 'admin@example.com', bio: 7 }));
    assert.deepStrictEqual(skipped, []);
    assert.ok(Object.isFrozen(skipped), 'a failed second condition must skip the rules on the fast path');
    assert.deepStrictEqual(profile(build(Profile, { username: 'alice', email: 'alice@example.com', bio: 7 })), [
      { path: 'data.bio', constraint: 'isString', message: 'bio must be a string' },
    ]);
    const shipment = compilePayloadValidator(Shipment);
    const untracked = build(Shipment, { shipped_at: new Date(0), carrier: 'van', labels: [], codes: [], tracking: 7 });
    assert.deepStrictEqual(shipment(untracked), []);
    assert.ok(Object.isFrozen(shipment(untracked)), 'a per-rule validateIf that fails must skip the rule on the fast path');
    const payment = compilePayloadValidator(Payment);
    assert.deepStrictEqual(payment(build(Payment, { method: 'cash', amount: 5, rounded: 5 })), []);
    // Required once its condition holds, and absent: one violation, not every rule an absent value breaks.
    assert.deepStrictEqual(payment(build(Payment, { method: 'card', amount: 5, rounded: 5 })), [
      { path: 'data.last4', constraint: 'isDefined', message: 'last4 is required' },
    ]);
    assert.deepStrictEqual(payment(build(Payment, { method: 'card', amount: 5, rounded: 5, last4: 12345 })), [
      // Decorators apply bottom-up, so MaxLength's metadata comes first.
      { path: 'data.last4', constraint: 'maxLength', message: 'last4 must be shorter than or equal to 4 characters' },
      { path: 'data.last4', constraint: 'isString', message: 'last4 must be a string' },
    ]);
  });

  it('leaves the message of an unknown key to class-validator', () => {
    const compiled = compilePayloadValidator(Profile);
    assert.deepStrictEqual(compiled(build(Profile, { username: 'alice', email: 'alice@example.com', password: 'hunter2' })), [
      { path: 'data.password', constraint: 'whitelistValidation', message: 'property password should not exist' },
    ]);
  });

  it('passes a custom constraint the same arguments as class-validator', () => {
    const compiled = compilePayloadValidator(Payment);
    const payment = build(Payment, { method: 'cash', amount: 5, rounded: 15 });
    seenArguments.length = 0;
    payloadViolations(payment);
    const fromClassValidator = seenArguments.splice(0);
    compiled(payment);
    assert.deepStrictEqual(seenArguments, fromClassValidator);
    assert.deepStrictEqual(fromClassValidator, [
      { targetName: 'Payment', property: 'rounded', object: payment, value: 15, constraints: [5] },
    ]);
  });

  it('keeps each rule exact for arrays, sets and maps', () => {
    const compiled = compilePayloadValidator(Shipment);
    const base = { shipped_at: new Date(0), carrier: 'van', labels: [] };
    for (const codes of [['ab'], new Set(['ab', 'cd']), new Map([['k', 'ab']]), 'ab', ['abcd'], new Map([['k', 'abcd']]), [1], 'abcd']) {
      const payload = build(Shipment, { ...base, codes });
      assert.deepStrictEqual(compiled(payload), payloadViolations(payload), describeValue(codes));
    }
    assert.deepStrictEqual(compiled(build(Shipment, { ...base, codes: new Set(['ab', 'abcd']) })), [
      { path: 'data.codes', constraint: 'maxLength', message: 'each value in codes must be shorter than or equal to 3 characters' },
    ]);
  });

  it('sends a plain object or a subclass instance through class-validator, which picks rules by constructor', () => {
    const compiled = compilePayloadValidator(BaseItem);
    for (const payload of [{ item_id: 'i1' }, Object.assign(new PricedItem(), { item_id: 'i1', price: -1 })]) {
      const result = compiled(payload);
      assert.deepStrictEqual(result, payloadViolations(payload));
      assert.ok(result.length > 0);
    }
  });

  describe('falls back to class-validator for every call when the class uses', () => {
    const cases: [string, ClassType<object>, RegExp][] = [
      ['an async constraint (validateSync skips it)', SkuItem, /isKnownSku is an async validator/],
      ['ValidateNested', Order, /nestedValidation/],
      ['Allow', Tagged, /whitelistValidation/],
      ['validation groups', Grouped, /groups/],
      ['no decorators at all (forbidUnknownValues)', Undecorated, /no class-validator metadata/],
    ];
    for (const [what, payloadClass, reason] of cases) {
      it(what, () => {
        const compiled = compilePayloadValidator(payloadClass);
        assert.equal(compiled.fastPath, false);
        assert.match(compiled.slowPathReason ?? '', reason);
        assert.match(compiled.slowPathReason ?? '', new RegExp(`^${payloadClass.name}: `));
      });
    }

    it('a nested violation, reported with its dotted path', () => {
      const order = build(Order, { order_id: 'o1', ship_to: Object.assign(new Address(), { city: 7 }) });
      assert.deepStrictEqual(compilePayloadValidator(Order)(order), [
        { path: 'data.ship_to.city', constraint: 'isString', message: 'city must be a string' },
      ]);
    });

    it('a property named like an Object.prototype member, on which class-validator itself throws', () => {
      class Clashing {
        @IsString() id: string;
      }
      IsString()(Clashing.prototype, 'toString');
      const compiled = compilePayloadValidator(Clashing);
      assert.equal(compiled.fastPath, false);
      const payload = build(Clashing, { id: 'c1' });
      assert.deepStrictEqual(
        outcome(() => compiled(payload)),
        outcome(() => payloadViolations(payload)),
      );
    });
  });

  it('passes rootPath through to the slow path', () => {
    const compiled = compilePayloadValidator(Profile);
    assert.deepStrictEqual(compiled(build(Profile, { username: 'alice', email: 'nope' }), 'payload'), [
      { path: 'payload.email', constraint: 'isEmail', message: 'email must be an email' },
    ]);
  });
});
