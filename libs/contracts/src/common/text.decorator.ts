import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { composePropertyDecorators } from './compose-decorators.util.js';

/** Non-empty user-facing text of at most `maxLength` characters, such as a title or a comment body. */
export function IsText(maxLength: number): PropertyDecorator {
  return composePropertyDecorators(IsString(), IsNotEmpty(), MaxLength(maxLength));
}
