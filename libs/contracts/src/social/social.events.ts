import { defineEvent, eventFactory, type DomainEvent, type EventDefinition } from '@webnovel/events';
import {
  LikeAddedPayload,
  LikeRemovedPayload,
  CommentCreatedPayload,
  CommentUpdatedPayload,
  CommentDeletedPayload,
  CommentRepliedPayload,
  CollectionAddedPayload,
  CollectionRemovedPayload,
  FollowAddedPayload,
  FollowRemovedPayload,
} from './social.payloads.js';

/** `like.added` v1. */
export const LikeAdded = defineEvent({
  type: 'like.added',
  version: 1,
  payload: LikeAddedPayload,
  domain: 'social',
  description: 'A user liked a book, a chapter or a comment.',
});
/** Builds a `like.added` event. */
export const likeAdded = eventFactory(LikeAdded);
/** A `like.added` event. */
export type LikeAddedEvent = DomainEvent<LikeAddedPayload, 'like.added'>;

/** `like.removed` v1. */
export const LikeRemoved = defineEvent({
  type: 'like.removed',
  version: 1,
  payload: LikeRemovedPayload,
  domain: 'social',
  description: 'A user withdrew a like.',
});
/** Builds a `like.removed` event. */
export const likeRemoved = eventFactory(LikeRemoved);
/** A `like.removed` event. */
export type LikeRemovedEvent = DomainEvent<LikeRemovedPayload, 'like.removed'>;

/** `comment.created` v1. */
export const CommentCreated = defineEvent({
  type: 'comment.created',
  version: 1,
  payload: CommentCreatedPayload,
  domain: 'social',
  description: 'A user posted a top-level comment on a book or a chapter.',
});
/** Builds a `comment.created` event. */
export const commentCreated = eventFactory(CommentCreated);
/** A `comment.created` event. */
export type CommentCreatedEvent = DomainEvent<CommentCreatedPayload, 'comment.created'>;

/** `comment.updated` v1. */
export const CommentUpdated = defineEvent({
  type: 'comment.updated',
  version: 1,
  payload: CommentUpdatedPayload,
  domain: 'social',
  description: 'The author of a comment edited it.',
});
/** Builds a `comment.updated` event. */
export const commentUpdated = eventFactory(CommentUpdated);
/** A `comment.updated` event. */
export type CommentUpdatedEvent = DomainEvent<CommentUpdatedPayload, 'comment.updated'>;

/** `comment.deleted` v1. */
export const CommentDeleted = defineEvent({
  type: 'comment.deleted',
  version: 1,
  payload: CommentDeletedPayload,
  domain: 'social',
  description: 'A comment was deleted by its author or a moderator.',
});
/** Builds a `comment.deleted` event. */
export const commentDeleted = eventFactory(CommentDeleted);
/** A `comment.deleted` event. */
export type CommentDeletedEvent = DomainEvent<CommentDeletedPayload, 'comment.deleted'>;

/** `comment.replied` v1. */
export const CommentReplied = defineEvent({
  type: 'comment.replied',
  version: 1,
  payload: CommentRepliedPayload,
  domain: 'social',
  description: 'A user replied to a comment.',
});
/** Builds a `comment.replied` event. */
export const commentReplied = eventFactory(CommentReplied);
/** A `comment.replied` event. */
export type CommentRepliedEvent = DomainEvent<CommentRepliedPayload, 'comment.replied'>;

/** `collection.added` v1. */
export const CollectionAdded = defineEvent({
  type: 'collection.added',
  version: 1,
  payload: CollectionAddedPayload,
  domain: 'social',
  description: 'A user added a book to a shelf of their collection.',
});
/** Builds a `collection.added` event. */
export const collectionAdded = eventFactory(CollectionAdded);
/** A `collection.added` event. */
export type CollectionAddedEvent = DomainEvent<CollectionAddedPayload, 'collection.added'>;

/** `collection.removed` v1. */
export const CollectionRemoved = defineEvent({
  type: 'collection.removed',
  version: 1,
  payload: CollectionRemovedPayload,
  domain: 'social',
  description: 'A user removed a book from a shelf of their collection.',
});
/** Builds a `collection.removed` event. */
export const collectionRemoved = eventFactory(CollectionRemoved);
/** A `collection.removed` event. */
export type CollectionRemovedEvent = DomainEvent<CollectionRemovedPayload, 'collection.removed'>;

/** `follow.added` v1. */
export const FollowAdded = defineEvent({
  type: 'follow.added',
  version: 1,
  payload: FollowAddedPayload,
  domain: 'social',
  description: 'A user followed another user or a book.',
});
/** Builds a `follow.added` event. */
export const followAdded = eventFactory(FollowAdded);
/** A `follow.added` event. */
export type FollowAddedEvent = DomainEvent<FollowAddedPayload, 'follow.added'>;

/** `follow.removed` v1. */
export const FollowRemoved = defineEvent({
  type: 'follow.removed',
  version: 1,
  payload: FollowRemovedPayload,
  domain: 'social',
  description: 'A user unfollowed another user or a book.',
});
/** Builds a `follow.removed` event. */
export const followRemoved = eventFactory(FollowRemoved);
/** A `follow.removed` event. */
export type FollowRemovedEvent = DomainEvent<FollowRemovedPayload, 'follow.removed'>;

/** Every definition of the social domain. */
export const socialEvents: readonly EventDefinition[] = Object.freeze([
  LikeAdded,
  LikeRemoved,
  CommentCreated,
  CommentUpdated,
  CommentDeleted,
  CommentReplied,
  CollectionAdded,
  CollectionRemoved,
  FollowAdded,
  FollowRemoved,
]);
