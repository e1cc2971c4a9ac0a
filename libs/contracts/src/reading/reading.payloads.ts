import { IsBoolean, IsInt, IsNumber, Max, Min } from 'class-validator';
import { IsId } from '../common/id.decorator.js';
import { IsText } from '../common/text.decorator.js';

/** The longest note a reader may attach to a passage. */
export const MAX_NOTE_LENGTH = 5000;

/** Payload of `reading.chapter_read`: a reader finished a reading session on a chapter. */
export class ReadingChapterReadPayload {
  @IsId() user_id: string;
  @IsId() book_id: string;
  @IsId() chapter_id: string;
  /** Time spent in this session; reading-time rewards and statistics add these up. */
  @IsInt() @Min(0) duration_seconds: number;
  /** Whether the reader reached the end of the chapter, as opposed to leaving part-way. */
  @IsBoolean() completed: boolean;
}

/** Payload of `reading.progress_updated`: a reader's position in a book moved. */
export class ReadingProgressUpdatedPayload {
  @IsId() user_id: string;
  @IsId() book_id: string;
  @IsId() chapter_id: string;
  /** Character offset inside the chapter, so every device reopens at the same place. */
  @IsInt() @Min(0) position: number;
  /** Share of the whole book read so far. A ratio, not money, so a fraction is fine here. */
  @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(100) progress_percent: number;
}

/** Payload of `reading.bookmark_added`. */
export class ReadingBookmarkAddedPayload {
  @IsId() bookmark_id: string;
  @IsId() user_id: string;
  @IsId() book_id: string;
  @IsId() chapter_id: string;
  /** Character offset inside the chapter. */
  @IsInt() @Min(0) position: number;
}

/** Payload of `reading.bookmark_removed`. */
export class ReadingBookmarkRemovedPayload {
  @IsId() bookmark_id: string;
  @IsId() user_id: string;
  @IsId() book_id: string;
}

/** Payload of `reading.note_created`: a reader annotated a passage. */
export class ReadingNoteCreatedPayload {
  @IsId() note_id: string;
  @IsId() user_id: string;
  @IsId() book_id: string;
  @IsId() chapter_id: string;
  /** Character offset of the annotated passage inside the chapter. */
  @IsInt() @Min(0) position: number;
  @IsText(MAX_NOTE_LENGTH) content: string;
}

/** Payload of `reading.note_updated`: a reader rewrote a note. */
export class ReadingNoteUpdatedPayload {
  @IsId() note_id: string;
  @IsId() user_id: string;
  @IsId() book_id: string;
  @IsText(MAX_NOTE_LENGTH) content: string;
}

/** Payload of `reading.note_deleted`. */
export class ReadingNoteDeletedPayload {
  @IsId() note_id: string;
  @IsId() user_id: string;
  @IsId() book_id: string;
}
