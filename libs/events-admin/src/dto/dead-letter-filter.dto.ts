import type { DeadLetterFilter } from '@webnovel/events';
import { EVENT_TYPE_PATTERN, HANDLER_NAME_PATTERN } from '@webnovel/events/internal';
import { IsISO8601, IsOptional, Matches } from 'class-validator';
import { dateFieldMessage, eventTypeFieldMessage, handlerFieldMessage } from '../events-admin.messages.js';

/** The filter fields shared by the list query and the reprocess and purge bodies. Every field is optional. */
export class DeadLetterFilterDto {
  /** Only dead letters of this event type. */
  @IsOptional()
  @Matches(EVENT_TYPE_PATTERN, { message: eventTypeFieldMessage() })
  eventType?: string;

  /** Only dead letters of this handler, such as `Billing.charge`. */
  @IsOptional()
  @Matches(HANDLER_NAME_PATTERN, { message: handlerFieldMessage() })
  handler?: string;

  /** Dead-lettered at or after this ISO-8601 time. */
  @IsOptional()
  @IsISO8601({ strict: true }, { message: dateFieldMessage('from') })
  from?: string;

  /** Dead-lettered strictly before this ISO-8601 time. */
  @IsOptional()
  @IsISO8601({ strict: true }, { message: dateFieldMessage('to') })
  to?: string;
}

/** The names of the filter fields, for the rule that a selection needs one of them. */
export const FILTER_FIELDS = ['eventType', 'handler', 'from', 'to'] as const;

/** The core's filter from validated fields. `null` counts as absent, as it does for `@IsOptional()`. */
export function toDeadLetterFilter(dto: DeadLetterFilterDto): DeadLetterFilter {
  return {
    ...(dto.eventType != null ? { eventType: dto.eventType } : {}),
    ...(dto.handler != null ? { handler: dto.handler } : {}),
    ...(dto.from != null ? { from: new Date(dto.from) } : {}),
    ...(dto.to != null ? { to: new Date(dto.to) } : {}),
  };
}
