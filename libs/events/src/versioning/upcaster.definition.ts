import { InvalidUpcasterError } from '../errors/versioning.error.js';
import type { DomainEvent } from '../interfaces/domain-event.interface.js';
import type { EventDefinition, PayloadInput } from '../interfaces/event-definition.interface.js';
import type { EventUpcaster } from '../interfaces/upcaster.interface.js';

/**
 * Declares the step from one version of a type to the next, typed by their two catalog definitions.
 *
 * @example
 * ```ts
 * export const userRegisteredV1ToV2 = defineUpcaster(userRegisteredV1, userRegisteredV2, (v1) => ({
 *   ...v1,
 *   user_type: 'standard',
 *   referral: '',
 * }));
 * ```
 * @throws InvalidUpcasterError when the definitions are of different types, or `to` is not the version after `from`
 */
export function defineUpcaster<TFrom extends object, TTo extends object, TType extends string>(
  from: EventDefinition<TFrom, TType>,
  to: EventDefinition<TTo, TType>,
  upcast: (data: TFrom, event: DomainEvent<TFrom, TType>) => PayloadInput<TTo> | TTo,
  description?: string,
): EventUpcaster<TFrom, PayloadInput<TTo> | TTo> {
  const problems: string[] = [];
  if (from?.type !== to?.type) problems.push(`from is "${from?.type}" but to is "${to?.type}"; an upcaster stays within one type`);
  if (to?.version !== from?.version + 1)
    problems.push(`to must be the version right after from (v${from?.version + 1}), got v${to?.version}; chain one upcaster per step`);
  if (typeof upcast !== 'function') problems.push('upcast must be a function from the older payload to the newer one');
  if (problems.length > 0) throw new InvalidUpcasterError(problems);
  return Object.freeze({
    type: from.type,
    fromVersion: from.version,
    toVersion: to.version,
    upcast: upcast as EventUpcaster<TFrom, PayloadInput<TTo> | TTo>['upcast'],
    ...(description === undefined ? {} : { description }),
  });
}
