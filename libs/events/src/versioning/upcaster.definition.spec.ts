import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createDomainEvent } from '../event/domain-event.js';
import { deepFreeze } from '../event/deep-freeze.util.js';
import { InvalidUpcasterError } from '../errors/versioning.error.js';
import { defineEvent } from '../catalog/event-definition.js';
import { defineUpcaster } from './upcaster.definition.js';
import { MemberJoinedV1, memberJoinedV1, memberJoinedV2, memberJoinedV3, v1ToV2, v2ToV3 } from '../testing/member-joined.versions.js';

describe('defineUpcaster', () => {
  it('keeps the step it joins, and each upcaster is a pure function of its input', () => {
    assert.deepEqual([v1ToV2.type, v1ToV2.fromVersion, v1ToV2.toVersion, v1ToV2.description], ['member.joined', 1, 2, 'adds tier (free)']);
    const v1 = deepFreeze({ name: 'Lin' });
    const event = createDomainEvent({ type: 'member.joined', data: v1 });
    assert.deepEqual(v1ToV2.upcast(v1, event), { name: 'Lin', tier: 'free' });
    assert.deepEqual(v1ToV2.upcast(v1, event), v1ToV2.upcast(v1, event), 'the same input gives the same output');
    assert.deepEqual(v1, { name: 'Lin' }, 'the input is untouched (it is frozen, so a write would have thrown)');
    assert.deepEqual(v2ToV3.upcast({ name: 'Lin', tier: 'gold' }, event as never), { display_name: 'Lin', tier: 'gold' });
  });

  it('refuses to join another type, a gap or a step backwards, naming each problem', () => {
    const other = defineEvent({ type: 'member.left', version: 2, payload: MemberJoinedV1 });
    const cases: [() => unknown, string[]][] = [
      [
        () => defineUpcaster(memberJoinedV1, other as never, (d) => d),
        ['from is "member.joined" but to is "member.left"; an upcaster stays within one type'],
      ],
      [
        () => defineUpcaster(memberJoinedV1, memberJoinedV3 as never, (d) => d as never),
        ['to must be the version right after from (v2), got v3; chain one upcaster per step'],
      ],
      [
        () => defineUpcaster(memberJoinedV2, memberJoinedV1 as never, (d) => d as never),
        ['to must be the version right after from (v3), got v1; chain one upcaster per step'],
      ],
      [
        () => defineUpcaster(memberJoinedV1, memberJoinedV2, 'nope' as never),
        ['upcast must be a function from the older payload to the newer one'],
      ],
    ];
    for (const [define, problems] of cases) {
      assert.throws(define, (error: unknown) => {
        assert.ok(error instanceof InvalidUpcasterError);
        assert.equal(error.name, 'InvalidUpcasterError');
        assert.deepEqual(error.problems, problems);
        assert.match(error.message, /^The upcaster cannot be defined:\n {2}- /);
        return true;
      });
    }
  });
});
