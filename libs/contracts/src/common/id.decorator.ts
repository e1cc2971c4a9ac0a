import { IsNotEmpty, IsString, MaxLength, type ValidationOptions } from 'class-validator';
import { composePropertyDecorators } from './compose-decorators.util.js';

/** The longest id accepted; generous for UUIDs, ULIDs and prefixed ids, yet bounded so an id cannot carry a document. */
export const MAX_ID_LENGTH = 128;

/**
 * An entity id: a non-empty string of at most {@link MAX_ID_LENGTH} characters. The format is left open because
 * ids come from several services. Pass `{ each: true }` for an array of ids.
 */
export function IsId(options?: Pick<ValidationOptions, 'each'>): PropertyDecorator {
  return composePropertyDecorators(IsString(options), IsNotEmpty(options), MaxLength(MAX_ID_LENGTH, options));
}
