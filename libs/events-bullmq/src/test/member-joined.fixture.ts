// Three versions of one event type for the versioned-jobs e2e test: v2 adds a tier, v3 adds a locale.
import { defineEvent, defineUpcaster } from '@webnovel/events';
import { IsIn, IsString, MinLength } from 'class-validator';

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
  name!: string;

  @IsIn(['free', 'gold'])
  tier!: string;

  @IsIn(['en', 'fr'])
  locale!: string;
}

export const memberJoinedV1 = defineEvent({ type: 'member.joined', version: 1, payload: MemberJoinedV1 });
export const memberJoinedV2 = defineEvent({ type: 'member.joined', version: 2, payload: MemberJoinedV2 });
export const memberJoinedV3 = defineEvent({ type: 'member.joined', version: 3, payload: MemberJoinedV3 });

export const v1ToV2 = defineUpcaster(memberJoinedV1, memberJoinedV2, (v1) => ({ ...v1, tier: 'free' }), 'adds tier (free)');
export const v2ToV3 = defineUpcaster(memberJoinedV2, memberJoinedV3, (v2) => ({ ...v2, locale: 'en' }), 'adds locale (en)');
