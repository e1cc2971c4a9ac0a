import { defineEvent, eventFactory, type DomainEvent, type EventDefinition } from '@webnovel/events';
import {
  WritingCharacterCreatedPayload,
  WritingCharacterUpdatedPayload,
  WritingCharacterDeletedPayload,
  WritingLocationCreatedPayload,
  WritingLocationUpdatedPayload,
  WritingLocationDeletedPayload,
  WritingTimelineEventCreatedPayload,
  WritingTimelineEventUpdatedPayload,
  WritingTimelineEventDeletedPayload,
} from './writing.payloads.js';

/** `writing.character_created` v1. */
export const WritingCharacterCreated = defineEvent({
  type: 'writing.character_created',
  version: 1,
  payload: WritingCharacterCreatedPayload,
  domain: 'writing',
  description: "An author added a character to a book's setting.",
});
/** Builds a `writing.character_created` event. */
export const writingCharacterCreated = eventFactory(WritingCharacterCreated);
/** A `writing.character_created` event. */
export type WritingCharacterCreatedEvent = DomainEvent<WritingCharacterCreatedPayload, 'writing.character_created'>;

/** `writing.character_updated` v1. */
export const WritingCharacterUpdated = defineEvent({
  type: 'writing.character_updated',
  version: 1,
  payload: WritingCharacterUpdatedPayload,
  domain: 'writing',
  description: 'An author changed a character.',
});
/** Builds a `writing.character_updated` event. */
export const writingCharacterUpdated = eventFactory(WritingCharacterUpdated);
/** A `writing.character_updated` event. */
export type WritingCharacterUpdatedEvent = DomainEvent<WritingCharacterUpdatedPayload, 'writing.character_updated'>;

/** `writing.character_deleted` v1. */
export const WritingCharacterDeleted = defineEvent({
  type: 'writing.character_deleted',
  version: 1,
  payload: WritingCharacterDeletedPayload,
  domain: 'writing',
  description: 'An author removed a character.',
});
/** Builds a `writing.character_deleted` event. */
export const writingCharacterDeleted = eventFactory(WritingCharacterDeleted);
/** A `writing.character_deleted` event. */
export type WritingCharacterDeletedEvent = DomainEvent<WritingCharacterDeletedPayload, 'writing.character_deleted'>;

/** `writing.location_created` v1. */
export const WritingLocationCreated = defineEvent({
  type: 'writing.location_created',
  version: 1,
  payload: WritingLocationCreatedPayload,
  domain: 'writing',
  description: "An author added a location to a book's setting.",
});
/** Builds a `writing.location_created` event. */
export const writingLocationCreated = eventFactory(WritingLocationCreated);
/** A `writing.location_created` event. */
export type WritingLocationCreatedEvent = DomainEvent<WritingLocationCreatedPayload, 'writing.location_created'>;

/** `writing.location_updated` v1. */
export const WritingLocationUpdated = defineEvent({
  type: 'writing.location_updated',
  version: 1,
  payload: WritingLocationUpdatedPayload,
  domain: 'writing',
  description: 'An author changed a location.',
});
/** Builds a `writing.location_updated` event. */
export const writingLocationUpdated = eventFactory(WritingLocationUpdated);
/** A `writing.location_updated` event. */
export type WritingLocationUpdatedEvent = DomainEvent<WritingLocationUpdatedPayload, 'writing.location_updated'>;

/** `writing.location_deleted` v1. */
export const WritingLocationDeleted = defineEvent({
  type: 'writing.location_deleted',
  version: 1,
  payload: WritingLocationDeletedPayload,
  domain: 'writing',
  description: 'An author removed a location.',
});
/** Builds a `writing.location_deleted` event. */
export const writingLocationDeleted = eventFactory(WritingLocationDeleted);
/** A `writing.location_deleted` event. */
export type WritingLocationDeletedEvent = DomainEvent<WritingLocationDeletedPayload, 'writing.location_deleted'>;

/** `writing.timeline_event_created` v1. */
export const WritingTimelineEventCreated = defineEvent({
  type: 'writing.timeline_event_created',
  version: 1,
  payload: WritingTimelineEventCreatedPayload,
  domain: 'writing',
  description: "An author placed a story event on a book's timeline.",
});
/** Builds a `writing.timeline_event_created` event. */
export const writingTimelineEventCreated = eventFactory(WritingTimelineEventCreated);
/** A `writing.timeline_event_created` event. */
export type WritingTimelineEventCreatedEvent = DomainEvent<WritingTimelineEventCreatedPayload, 'writing.timeline_event_created'>;

/** `writing.timeline_event_updated` v1. */
export const WritingTimelineEventUpdated = defineEvent({
  type: 'writing.timeline_event_updated',
  version: 1,
  payload: WritingTimelineEventUpdatedPayload,
  domain: 'writing',
  description: 'An author changed a timeline event.',
});
/** Builds a `writing.timeline_event_updated` event. */
export const writingTimelineEventUpdated = eventFactory(WritingTimelineEventUpdated);
/** A `writing.timeline_event_updated` event. */
export type WritingTimelineEventUpdatedEvent = DomainEvent<WritingTimelineEventUpdatedPayload, 'writing.timeline_event_updated'>;

/** `writing.timeline_event_deleted` v1. */
export const WritingTimelineEventDeleted = defineEvent({
  type: 'writing.timeline_event_deleted',
  version: 1,
  payload: WritingTimelineEventDeletedPayload,
  domain: 'writing',
  description: 'An author removed a timeline event.',
});
/** Builds a `writing.timeline_event_deleted` event. */
export const writingTimelineEventDeleted = eventFactory(WritingTimelineEventDeleted);
/** A `writing.timeline_event_deleted` event. */
export type WritingTimelineEventDeletedEvent = DomainEvent<WritingTimelineEventDeletedPayload, 'writing.timeline_event_deleted'>;

/** Every definition of the writing domain. */
export const writingEvents: readonly EventDefinition[] = Object.freeze([
  WritingCharacterCreated,
  WritingCharacterUpdated,
  WritingCharacterDeleted,
  WritingLocationCreated,
  WritingLocationUpdated,
  WritingLocationDeleted,
  WritingTimelineEventCreated,
  WritingTimelineEventUpdated,
  WritingTimelineEventDeleted,
]);
