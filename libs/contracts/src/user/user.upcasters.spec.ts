import 'reflect-metadata';
import { type Violation } from '@webnovel/events';
import { compilePayloadValidator, payloadViolations } from '@webnovel/events/internal';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { USER_TYPES, UserRegisteredPayload, UserRegisteredV2Payload } from './user.payloads.js';
import { UserRegistered, UserRegisteredV2, userRegistered } from './user.events.js';
import { userRegisteredV1ToV2, userUpcasters } from './user.upcasters.js';

/** Freezes `value` and everything in it, so any write by the code under test throws. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

const v1Data = () => ({ user_id: 'u-42', username: 'lin_yi', email: 'lin@example.com' });

/** The violations of `data` as an instance of `payload`, by class-validator and by the compiled validator, which must agree. */
function violations(payload: typeof UserRegisteredPayload | typeof UserRegisteredV2Payload, data: object): [string, string][] {
  const instance = Object.assign(new payload(), data);
  const slow: readonly Violation[] = payloadViolations(instance);
  assert.deepEqual(compilePayloadValidator(payload)(instance), slow, 'the compiled validator agrees with class-validator');
  return slow.map((v) => [v.path, v.constraint]);
}

describe('userRegisteredV1ToV2', () => {
  it('joins user.registered v1 to v2, described for the catalog', () => {
    assert.deepEqual(
      [userRegisteredV1ToV2.type, userRegisteredV1ToV2.fromVersion, userRegisteredV1ToV2.toVersion],
      ['user.registered', UserRegistered.version, UserRegisteredV2.version],
    );
    assert.equal(userRegisteredV1ToV2.description, 'adds user_type (standard) and referral (empty)');
    assert.deepEqual(userUpcasters, [userRegisteredV1ToV2]);
  });

  it('keeps every v1 field and adds user_type standard and an empty referral', () => {
    const event = userRegistered(v1Data());
    assert.deepEqual(userRegisteredV1ToV2.upcast(event.data, event), {
      user_id: 'u-42',
      username: 'lin_yi',
      email: 'lin@example.com',
      user_type: 'standard',
      referral: '',
    });
  });

  it('is pure: leaves its deep-frozen input as it was, and gives the same output for the same input', () => {
    const input = deepFreeze(v1Data());
    const event = deepFreeze(userRegistered(v1Data()));
    const first = userRegisteredV1ToV2.upcast(input, event);
    assert.notEqual(first, input, 'a new object, not the input changed in place');
    assert.deepEqual(input, v1Data());
    assert.deepEqual(userRegisteredV1ToV2.upcast(input, event), first);
  });

  it("gives a payload that passes v2's rules", () => {
    const event = userRegistered(v1Data());
    assert.deepEqual(violations(UserRegisteredV2Payload, userRegisteredV1ToV2.upcast(event.data, event)), []);
  });
});

describe('user.registered payload rules per version', () => {
  it("v1's rules still hold: a bad e-mail is rejected, and v2's fields are unknown to v1", () => {
    assert.deepEqual(violations(UserRegisteredPayload, v1Data()), []);
    assert.deepEqual(violations(UserRegisteredPayload, { ...v1Data(), email: 'lin-at-example' }), [['data.email', 'isEmail']]);
    assert.deepEqual(violations(UserRegisteredPayload, { ...v1Data(), user_type: 'standard', referral: '' }), [
      ['data.user_type', 'whitelistValidation'],
      ['data.referral', 'whitelistValidation'],
    ]);
  });

  it('v2 takes each user type and any referral up to the id length, empty included', () => {
    for (const user_type of USER_TYPES) {
      assert.deepEqual(violations(UserRegisteredV2Payload, { ...v1Data(), user_type, referral: '' }), [], user_type);
    }
    assert.deepEqual(violations(UserRegisteredV2Payload, { ...v1Data(), user_type: 'author', referral: 'SPRING-2026' }), []);
  });

  it('v2 rejects an unknown user type, a missing or over-long referral, and a v1 payload as it is', () => {
    assert.deepEqual(violations(UserRegisteredV2Payload, { ...v1Data(), user_type: 'admin', referral: '' }), [['data.user_type', 'isIn']]);
    assert.deepEqual(violations(UserRegisteredV2Payload, { ...v1Data(), user_type: 'vip', referral: 'r'.repeat(129) }), [
      ['data.referral', 'maxLength'],
    ]);
    assert.deepEqual(violations(UserRegisteredV2Payload, v1Data()), [
      ['data.user_type', 'isDefined'],
      ['data.referral', 'isDefined'],
    ]);
  });
});
