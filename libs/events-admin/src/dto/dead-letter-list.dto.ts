import { MAX_DEAD_LETTER_PAGE } from '@webnovel/events/internal';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { limitFieldMessage, offsetFieldMessage } from '../events-admin.messages.js';
import { DeadLetterFilterDto } from './dead-letter-filter.dto.js';

/** Query of `GET dead-letters`: the filter plus offset pagination, newest first. */
export class DeadLetterListQueryDto extends DeadLetterFilterDto {
  /** @default 50, at most 500 */
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: limitFieldMessage(MAX_DEAD_LETTER_PAGE) })
  @Min(1, { message: limitFieldMessage(MAX_DEAD_LETTER_PAGE) })
  @Max(MAX_DEAD_LETTER_PAGE, { message: limitFieldMessage(MAX_DEAD_LETTER_PAGE) })
  limit?: number;

  /** @default 0 */
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: offsetFieldMessage() })
  @Min(0, { message: offsetFieldMessage() })
  offset?: number;
}
