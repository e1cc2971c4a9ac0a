import { ArrayNotEmpty, ArrayUnique, IsArray, IsNotEmpty, IsString } from 'class-validator';
import { composePropertyDecorators } from './compose-decorators.util.js';

/** Options of {@link IsNameList}. */
export interface NameListOptions {
  /** Accept `[]`, for lists where "nothing of this kind" is a normal answer (such as revoked permissions). @default false */
  allowEmpty?: boolean;
}

/**
 * A list of distinct, non-empty names, such as the fields an update changed. Names only: values stay out of
 * events because they may be personal data or secrets, and consumers re-read what they need.
 */
export function IsNameList(options: NameListOptions = {}): PropertyDecorator {
  const decorators = [IsArray(), ArrayUnique(), IsString({ each: true }), IsNotEmpty({ each: true })];
  return composePropertyDecorators(...(options.allowEmpty ? decorators : [...decorators, ArrayNotEmpty()]));
}
