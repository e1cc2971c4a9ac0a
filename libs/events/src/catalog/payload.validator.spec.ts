import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsNotEmpty, IsOptional, IsString, MaxLength, Min, ValidateNested } from 'class-validator';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toPayloadInstance } from './event-definition.js';
import { payloadViolations } from './payload.validator.js';

class Address {
  @IsString()
  @IsNotEmpty()
  city!: string;
}

class Order {
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  order_id!: string;

  @IsInt()
  @Min(1)
  quantity!: number;

  @IsOptional()
  @IsString()
  note?: string;

  // ValidateNested alone accepts an absent object (class-validator's rule), so a required one also says IsDefined.
  @IsDefined()
  @ValidateNested()
  @Type(() => Address)
  address!: Address;
}

const check = (data: object) => payloadViolations(toPayloadInstance(Order, data));

describe('payloadViolations', () => {
  it('reports a missing required field once, as missing, instead of every rule it breaks', () => {
    assert.deepEqual(check({ quantity: 1, address: { city: 'Suzhou' } }), [
      { path: 'data.order_id', constraint: 'isDefined', message: 'order_id is required' },
    ]);
  });

  it('does the same for a missing nested field and a missing nested object', () => {
    assert.deepEqual(check({ order_id: 'o-1', quantity: 1, address: {} }), [
      { path: 'data.address.city', constraint: 'isDefined', message: 'city is required' },
    ]);
    assert.deepEqual(check({ order_id: 'o-1', quantity: 1 }), [
      { path: 'data.address', constraint: 'isDefined', message: 'address is required' },
    ]);
  });

  it('still names every rule a present but wrong value breaks, null included', () => {
    assert.deepEqual(check({ order_id: null, quantity: 0, address: { city: 'Suzhou' } }), [
      { path: 'data.order_id', constraint: 'maxLength', message: 'order_id must be shorter than or equal to 64 characters' },
      { path: 'data.order_id', constraint: 'isNotEmpty', message: 'order_id should not be empty' },
      { path: 'data.order_id', constraint: 'isString', message: 'order_id must be a string' },
      { path: 'data.quantity', constraint: 'min', message: 'quantity must not be less than 1' },
    ]);
  });

  it('leaves optional fields alone and reports an unknown field as not allowed', () => {
    assert.deepEqual(check({ order_id: 'o-1', quantity: 2, address: { city: 'Suzhou' } }), []);
    assert.deepEqual(check({ order_id: 'o-1', quantity: 2, address: { city: 'Suzhou' }, coupon: 'X' }), [
      { path: 'data.coupon', constraint: 'whitelistValidation', message: 'property coupon should not exist' },
    ]);
  });
});
