import 'reflect-metadata';
import {
  IsBoolean,
  IsDate,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsString,
  IsUppercase,
  Max,
  MaxLength,
  Min,
  getFromContainer,
  getMetadataStorage,
  registerDecorator,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compilePayloadValidator } from './compiled-payload.validator.js';
import { payloadViolations } from './payload.validator.js';
import { shortcutFor } from './validator-shortcut.util.js';

/** A custom decorator that reuses a built-in's name with other rules: no shortcut may be taken for it. */
function MaxLengthInWords(words: number): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'maxLength',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [words],
      validator: {
        validate: (value: unknown, args?: ValidationArguments) =>
          typeof value === 'string' && value.split(' ').length <= (args?.constraints[0] as number) && !value.includes('!'),
      },
    });
}

class Shortcuts {
  @IsString() @IsNotEmpty() @MaxLength(5) code: string;
  @IsUppercase() currency: string;
  @IsInt() @Min(1) @Max(10) count: number;
  @IsBoolean() flag: boolean;
  @IsDate() at: Date;
  @IsIn(['a', 'b', Number.NaN]) choice: unknown;
}

class Impostor {
  @MaxLengthInWords(2) title: string;
}

/** Each rule of a class with the shortcut `shortcutFor` gives it, by `property.name`. */
function shortcutsOf(payloadClass: new () => object): Map<string, ReturnType<typeof shortcutFor>> {
  const storage = getMetadataStorage();
  const metadatas = storage.getTargetValidationMetadatas(payloadClass, undefined as unknown as string, false, false, undefined);
  return new Map(
    metadatas.map((m) => {
      const [constraint] = storage.getTargetValidatorConstraints(m.constraintCls);
      const validator = getFromContainer(constraint!.target) as ValidatorConstraintInterface;
      const args = { targetName: payloadClass.name, property: m.propertyName, object: {}, constraints: m.constraints };
      return [`${m.propertyName}.${m.name}`, shortcutFor(m.name, m.constraints, validator, args)];
    }),
  );
}

const base = () => Object.assign(new Shortcuts(), { code: 'abc', currency: 'EUR', count: 3, flag: false, at: new Date(0), choice: 'a' });

// Values at and around each shortcut's edge; every one must be judged exactly as class-validator judges it.
const variants: Partial<Record<keyof Shortcuts, unknown>>[] = [
  {},
  { code: '' },
  { code: 'abcde' },
  { code: 'abcdef' },
  { code: '👍👍👍' }, // 6 UTF-16 units, 3 characters for validator.js
  { code: 5 },
  { currency: 'eur' },
  { currency: 'ÉUR' },
  { currency: '' },
  { count: 0 },
  { count: 10 },
  { count: 11 },
  { count: 2.5 },
  { count: Number.NaN },
  { count: '3' },
  { flag: 'false' },
  { at: new Date(Number.NaN) },
  { at: '1970-01-01' },
  { choice: 'b' },
  { choice: 'c' },
  { choice: Number.NaN },
];

describe('validator shortcuts', () => {
  const validate = compilePayloadValidator(Shortcuts);

  for (const variant of variants) {
    it(`judge ${JSON.stringify(variant, (_, v: unknown) => (typeof v === 'number' && Number.isNaN(v) ? 'NaN' : v))} as class-validator does`, () => {
      const payload = Object.assign(base(), variant);
      assert.deepEqual(validate(payload), payloadViolations(payload));
    });
  }

  it('are taken for every built-in they know', () => {
    const shortcuts = shortcutsOf(Shortcuts);
    assert.equal(shortcuts.size, 10);
    for (const [rule, shortcut] of shortcuts) assert.equal(typeof shortcut, 'function', rule);
  });

  it('are not taken for a custom decorator that borrows a built-in name', () => {
    const check = compilePayloadValidator(Impostor);
    // Within 2 characters but fails the custom rule: a borrowed `maxLength` shortcut would have passed it.
    const payload = Object.assign(new Impostor(), { title: 'a!' });
    assert.deepEqual(check(payload), payloadViolations(payload));
    assert.equal(check(payload).length, 1);
    assert.deepEqual(check(Object.assign(new Impostor(), { title: 'two words' })), []);
    assert.deepEqual([...shortcutsOf(Impostor).values()], [undefined]);
  });
});
