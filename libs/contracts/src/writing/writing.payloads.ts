import { IsInt, Min } from 'class-validator';
import { IsNameList } from '../common/field-list.decorator.js';
import { IsId } from '../common/id.decorator.js';
import { IsText } from '../common/text.decorator.js';

/** Payload of `writing.character_created`: an author added a character to a book's setting. */
export class WritingCharacterCreatedPayload {
  @IsId() character_id: string;
  @IsId() book_id: string;
  @IsId() author_id: string;
  @IsText(100) name: string;
}

/** Payload of `writing.character_updated`. */
export class WritingCharacterUpdatedPayload {
  @IsId() character_id: string;
  @IsId() book_id: string;
  @IsId() author_id: string;
  /** Names of the changed fields; the content stays in the writing service, where drafts are private. */
  @IsNameList() changed_fields: string[];
}

/** Payload of `writing.character_deleted`. */
export class WritingCharacterDeletedPayload {
  @IsId() character_id: string;
  @IsId() book_id: string;
  @IsId() author_id: string;
}

/** Payload of `writing.location_created`: an author added a place to a book's setting. */
export class WritingLocationCreatedPayload {
  @IsId() location_id: string;
  @IsId() book_id: string;
  @IsId() author_id: string;
  @IsText(100) name: string;
}

/** Payload of `writing.location_updated`. */
export class WritingLocationUpdatedPayload {
  @IsId() location_id: string;
  @IsId() book_id: string;
  @IsId() author_id: string;
  /** Names of the changed fields. */
  @IsNameList() changed_fields: string[];
}

/** Payload of `writing.location_deleted`. */
export class WritingLocationDeletedPayload {
  @IsId() location_id: string;
  @IsId() book_id: string;
  @IsId() author_id: string;
}

/** Payload of `writing.timeline_event_created`: an author placed a story event on a book's timeline. */
export class WritingTimelineEventCreatedPayload {
  @IsId() timeline_event_id: string;
  @IsId() book_id: string;
  @IsId() author_id: string;
  @IsText(200) title: string;
  /** Position on the timeline. Story time is often fictional (no calendar), so order is what is shared. */
  @IsInt() @Min(0) sequence: number;
}

/** Payload of `writing.timeline_event_updated`. */
export class WritingTimelineEventUpdatedPayload {
  @IsId() timeline_event_id: string;
  @IsId() book_id: string;
  @IsId() author_id: string;
  /** Names of the changed fields. */
  @IsNameList() changed_fields: string[];
}

/** Payload of `writing.timeline_event_deleted`. */
export class WritingTimelineEventDeletedPayload {
  @IsId() timeline_event_id: string;
  @IsId() book_id: string;
  @IsId() author_id: string;
}
