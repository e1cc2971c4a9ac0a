import { DELIVERY_PAIR_ID_PATTERN } from '@webnovel/events/internal';
import { Matches } from 'class-validator';
import { idFieldMessage } from '../events-admin.messages.js';

/** Route parameters of the routes about one dead letter. */
export class DeadLetterIdParamsDto {
  /** `<event id>.<handler name>`, as listed. */
  @Matches(DELIVERY_PAIR_ID_PATTERN, { message: idFieldMessage() })
  id: string;
}
