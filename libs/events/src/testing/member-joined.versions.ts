// Three versions of one type, for versioning tests here and in other packages: v2 adds a tier, v3 renames name to display_name.
import { IsIn, IsString, MinLength } from 'class-validator';
import { defineEvent } from '../catalog/event-definition.js';
import { defineUpcaster } from '../versioning/upcaster.definition.js';

export class MemberJoinedV1 {
  @IsString()
  @MinLength(2)
  name!: string;
}

export class MemberJoinedV2 {
  @IsString()
  @MinLength(2)
  name!: string;

  @IsIn(['free', 'gold'])
  tier!: string;
}

export class MemberJoinedV3 {
  @IsString()
  @MinLength(2)
  display_name!: string;

  @IsIn(['free', 'gold'])
  tier!: string;
}

export const memberJoinedV1 = defineEvent({ type: 'member.joined', version: 1, payload: MemberJoinedV1 });
export const memberJoinedV2 = defineEvent({ type: 'member.joined', version: 2, payload: MemberJoinedV2 });
export const memberJoinedV3 = defineEvent({ type: 'member.joined', version: 3, payload: MemberJoinedV3 });

export const v1ToV2 = defineUpcaster(memberJoinedV1, memberJoinedV2, (v1) => ({ ...v1, tier: 'free' }), 'adds tier (free)');
export const v2ToV3 = defineUpcaster(
  memberJoinedV2,
  memberJoinedV3,
  ({ name, tier }) => ({ display_name: name, tier }),
  'renames name to display_name',
);

export const ALL_VERSIONS = [memberJoinedV1, memberJoinedV2, memberJoinedV3];
