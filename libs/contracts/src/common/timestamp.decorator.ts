import { Type } from 'class-transformer';
import { IsDate } from 'class-validator';
import { composePropertyDecorators } from './compose-decorators.util.js';

/**
 * A point in time. JSON carries it as an ISO-8601 string; `@Type(() => Date)` turns it back into a `Date`
 * when a consumer rebuilds the payload, so a round trip through a transport is lossless.
 */
export function IsTimestamp(): PropertyDecorator {
  return composePropertyDecorators(
    IsDate(),
    Type(() => Date),
  );
}
