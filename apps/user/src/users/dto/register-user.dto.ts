import { Transform } from 'class-transformer';
import { IsEmail, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { normalizeEmail, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, USERNAME_MESSAGE, USERNAME_PATTERN } from './user-fields.constants.js';

/** Body of `POST /users`. */
export class RegisterUserDto {
  @Matches(USERNAME_PATTERN, { message: USERNAME_MESSAGE })
  username: string;

  @Transform(normalizeEmail)
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email: string;

  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;
}
