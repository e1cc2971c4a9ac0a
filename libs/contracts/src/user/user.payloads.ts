import { IsEmail, IsIn, IsIP, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsNameList } from '../common/field-list.decorator.js';
import { IsId, MAX_ID_LENGTH } from '../common/id.decorator.js';
import { IsText } from '../common/text.decorator.js';

/**
 * What kind of account a registration opened: `standard` is a reader's account, `author` one opened through the author
 * portal to publish books, `vip` one that starts with a VIP membership (a gifted or bundled sign-up; the membership
 * itself still comes as `vip.activated`). Accounts registered before `user.registered` v2 are `standard`.
 */
export const USER_TYPES = ['standard', 'author', 'vip'] as const;
/** What kind of account a registration opened. */
export type UserType = (typeof USER_TYPES)[number];

// #region user-registered-payloads
/** Payload of `user.registered` v1: an account was created. Kept as it is: stored and queued v1 events use it. */
export class UserRegisteredPayload {
  @IsId() user_id: string;
  @IsText(64) username: string;
  @IsEmail() email: string;
}

/**
 * Payload of `user.registered` v2: v1's fields plus the kind of account and the referral it signed up with. Its own
 * class rather than a subclass of v1, so a v1 payload can never pass for a v2 one (or the other way round).
 */
export class UserRegisteredV2Payload {
  @IsId() user_id: string;
  @IsText(64) username: string;
  @IsEmail() email: string;
  @IsIn(USER_TYPES) user_type: UserType;
  /** The referral code or inviting user's id the account signed up with; empty when there was none. */
  @IsString() @MaxLength(MAX_ID_LENGTH) referral: string;
}
// #endregion

/** Payload of `user.logged_in`: a session was opened. */
export class UserLoggedInPayload {
  @IsId() user_id: string;
  /** Absent when the login did not come through HTTP, or the address was not kept for privacy. */
  @IsOptional() @IsIP() ip?: string;
  @IsOptional() @IsString() @MaxLength(512) user_agent?: string;
}

/** Payload of `user.logged_out`: a session was closed by the user. */
export class UserLoggedOutPayload {
  @IsId() user_id: string;
}

/** Payload of `user.updated`: profile fields changed. */
export class UserUpdatedPayload {
  @IsId() user_id: string;
  /** Names of the changed fields, never their values: consumers re-read the profile if they need them. */
  @IsNameList() changed_fields: string[];
}

/** Payload of `user.deleted`: an account was removed. */
export class UserDeletedPayload {
  @IsId() user_id: string;
  @IsOptional() @IsText(500) reason?: string;
}
