import { Transform } from 'class-transformer';
import { IsEmail, Matches, ValidateIf, type ValidationArguments } from 'class-validator';
import { normalizeEmail, USERNAME_MESSAGE, USERNAME_PATTERN } from './user-fields.constants.js';

const neitherGiven = (o: UpdateUserDto): boolean => o.username === undefined && o.email === undefined;
const AT_LEAST_ONE = 'give username, email or both';
const messageFor =
  (invalid: string) =>
  ({ value }: ValidationArguments): string =>
    value === undefined ? `${AT_LEAST_ONE} (${invalid})` : invalid;

/**
 * Body of `PATCH /users/:id`: at least one of the fields. class-validator has no class-level rule, so each
 * field is validated when present or when both are missing; an empty body then names both fields.
 */
export class UpdateUserDto {
  @ValidateIf((o: UpdateUserDto, value: unknown) => value !== undefined || neitherGiven(o))
  @Matches(USERNAME_PATTERN, { message: messageFor(USERNAME_MESSAGE) })
  username?: string;

  @ValidateIf((o: UpdateUserDto, value: unknown) => value !== undefined || neitherGiven(o))
  @Transform(normalizeEmail)
  @IsEmail({}, { message: messageFor('email must be an e-mail address') })
  email?: string;
}
