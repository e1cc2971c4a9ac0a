import { Transform } from 'class-transformer';
import { IsEmail, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { normalizeEmail, PASSWORD_MAX_LENGTH } from './user-fields.constants.js';

/** Body of `POST /users/login`. The password's length rules are not repeated here: they would hint at valid passwords. */
export class LoginDto {
  @Transform(normalizeEmail)
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;
}
