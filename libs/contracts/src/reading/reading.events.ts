import { defineEvent, eventFactory, type DomainEvent, type EventDefinition } from '@webnovel/events';
import {
  ReadingChapterReadPayload,
  ReadingProgressUpdatedPayload,
  ReadingBookmarkAddedPayload,
  ReadingBookmarkRemovedPayload,
  ReadingNoteCreatedPayload,
  ReadingNoteUpdatedPayload,
  ReadingNoteDeletedPayload,
} from './reading.payloads.js';

/** `reading.chapter_read` v1. */
export const ReadingChapterRead = defineEvent({
  type: 'reading.chapter_read',
  version: 1,
  payload: ReadingChapterReadPayload,
  domain: 'reading',
  description: 'A reader ended a reading session on a chapter.',
});
/** Builds a `reading.chapter_read` event. */
export const readingChapterRead = eventFactory(ReadingChapterRead);
/** A `reading.chapter_read` event. */
export type ReadingChapterReadEvent = DomainEvent<ReadingChapterReadPayload, 'reading.chapter_read'>;

/** `reading.progress_updated` v1. */
export const ReadingProgressUpdated = defineEvent({
  type: 'reading.progress_updated',
  version: 1,
  payload: ReadingProgressUpdatedPayload,
  domain: 'reading',
  description: "A reader's position in a book moved.",
});
/** Builds a `reading.progress_updated` event. */
export const readingProgressUpdated = eventFactory(ReadingProgressUpdated);
/** A `reading.progress_updated` event. */
export type ReadingProgressUpdatedEvent = DomainEvent<ReadingProgressUpdatedPayload, 'reading.progress_updated'>;

/** `reading.bookmark_added` v1. */
export const ReadingBookmarkAdded = defineEvent({
  type: 'reading.bookmark_added',
  version: 1,
  payload: ReadingBookmarkAddedPayload,
  domain: 'reading',
  description: 'A reader bookmarked a position in a chapter.',
});
/** Builds a `reading.bookmark_added` event. */
export const readingBookmarkAdded = eventFactory(ReadingBookmarkAdded);
/** A `reading.bookmark_added` event. */
export type ReadingBookmarkAddedEvent = DomainEvent<ReadingBookmarkAddedPayload, 'reading.bookmark_added'>;

/** `reading.bookmark_removed` v1. */
export const ReadingBookmarkRemoved = defineEvent({
  type: 'reading.bookmark_removed',
  version: 1,
  payload: ReadingBookmarkRemovedPayload,
  domain: 'reading',
  description: 'A reader removed a bookmark.',
});
/** Builds a `reading.bookmark_removed` event. */
export const readingBookmarkRemoved = eventFactory(ReadingBookmarkRemoved);
/** A `reading.bookmark_removed` event. */
export type ReadingBookmarkRemovedEvent = DomainEvent<ReadingBookmarkRemovedPayload, 'reading.bookmark_removed'>;

/** `reading.note_created` v1. */
export const ReadingNoteCreated = defineEvent({
  type: 'reading.note_created',
  version: 1,
  payload: ReadingNoteCreatedPayload,
  domain: 'reading',
  description: 'A reader attached a note to a passage.',
});
/** Builds a `reading.note_created` event. */
export const readingNoteCreated = eventFactory(ReadingNoteCreated);
/** A `reading.note_created` event. */
export type ReadingNoteCreatedEvent = DomainEvent<ReadingNoteCreatedPayload, 'reading.note_created'>;

/** `reading.note_updated` v1. */
export const ReadingNoteUpdated = defineEvent({
  type: 'reading.note_updated',
  version: 1,
  payload: ReadingNoteUpdatedPayload,
  domain: 'reading',
  description: 'A reader rewrote a note.',
});
/** Builds a `reading.note_updated` event. */
export const readingNoteUpdated = eventFactory(ReadingNoteUpdated);
/** A `reading.note_updated` event. */
export type ReadingNoteUpdatedEvent = DomainEvent<ReadingNoteUpdatedPayload, 'reading.note_updated'>;

/** `reading.note_deleted` v1. */
export const ReadingNoteDeleted = defineEvent({
  type: 'reading.note_deleted',
  version: 1,
  payload: ReadingNoteDeletedPayload,
  domain: 'reading',
  description: 'A reader deleted a note.',
});
/** Builds a `reading.note_deleted` event. */
export const readingNoteDeleted = eventFactory(ReadingNoteDeleted);
/** A `reading.note_deleted` event. */
export type ReadingNoteDeletedEvent = DomainEvent<ReadingNoteDeletedPayload, 'reading.note_deleted'>;

/** Every definition of the reading domain. */
export const readingEvents: readonly EventDefinition[] = Object.freeze([
  ReadingChapterRead,
  ReadingProgressUpdated,
  ReadingBookmarkAdded,
  ReadingBookmarkRemoved,
  ReadingNoteCreated,
  ReadingNoteUpdated,
  ReadingNoteDeleted,
]);
