import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IsCurrencyCode, IsMinorUnits } from './money.decorators.js';

class Price {
  @IsMinorUnits() amount: number;
  @IsCurrencyCode() currency: string;
}

class Refund {
  @IsMinorUnits({ min: 1 }) amount: number;
  @IsCurrencyCode() currency: string;
}

/** Every failed constraint as `property:constraint`, with its message. */
function violations(type: new () => object, plain: object): { key: string; message: string }[] {
  return validateSync(plainToInstance(type, plain)).flatMap((error) =>
    Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({ key: `${error.property}:${constraint}`, message })),
  );
}

describe('money decorators', () => {
  it('accept integer minor units with an ISO 4217 code', () => {
    assert.deepEqual(violations(Price, { amount: 1999, currency: 'CNY' }), []);
    assert.deepEqual(violations(Price, { amount: 0, currency: 'USD' }), []);
    assert.deepEqual(violations(Price, { amount: Number.MAX_SAFE_INTEGER, currency: 'JPY' }), []);
  });

  it('reject a float amount, naming the field', () => {
    assert.deepEqual(violations(Price, { amount: 19.99, currency: 'CNY' }), [
      { key: 'amount:isInt', message: 'amount must be an integer number' },
    ]);
  });

  it('reject a negative amount, naming the field', () => {
    assert.deepEqual(violations(Price, { amount: -1, currency: 'CNY' }), [
      { key: 'amount:min', message: 'amount must not be less than 0' },
    ]);
  });

  it('reject an amount a JavaScript number cannot hold exactly', () => {
    const [violation] = violations(Price, { amount: Number.MAX_SAFE_INTEGER + 1, currency: 'CNY' });
    assert.equal(violation?.key, 'amount:max');
    assert.match(violation.message, /^amount must not be greater than 9007199254740991$/);
  });

  it('reject zero where the minimum is 1', () => {
    assert.deepEqual(violations(Refund, { amount: 0, currency: 'CNY' }), [
      { key: 'amount:min', message: 'amount must not be less than 1' },
    ]);
  });

  it('reject a numeric string: amounts are numbers on the wire', () => {
    assert.deepEqual(
      violations(Price, { amount: '100', currency: 'CNY' }).map((v) => v.key),
      ['amount:isInt', 'amount:min', 'amount:max'],
    );
  });

  for (const currency of ['XYZ', 'RMB', '', 840]) {
    it(`reject the currency ${JSON.stringify(currency)}, naming the field`, () => {
      const found = violations(Price, { amount: 100, currency });
      assert.ok(found.some((v) => v.key === 'currency:isISO4217CurrencyCode'));
      assert.ok(found.every((v) => v.key.startsWith('currency:') && v.message.startsWith('currency must be')));
    });
  }

  it('reject a lower-case code, so consumers can compare codes as plain strings', () => {
    assert.deepEqual(violations(Price, { amount: 100, currency: 'usd' }), [
      { key: 'currency:isUppercase', message: 'currency must be uppercase' },
    ]);
  });
});
