import { IsEmail, IsIP, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsNameList } from '../common/field-list.decorator.js';
import { IsId } from '../common/id.decorator.js';
import { IsText } from '../common/text.decorator.js';

/** Payload of `user.registered`: an account was created. */
export class UserRegisteredPayload {
  @IsId() user_id: string;
  @IsText(64) username: string;
  @IsEmail() email: string;
}

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
