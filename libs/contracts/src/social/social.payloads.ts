import { IsIn, IsOptional } from 'class-validator';
import { IsId } from '../common/id.decorator.js';
import { IsText } from '../common/text.decorator.js';

/** What a reader can like. */
export const LIKE_TARGET_TYPES = ['book', 'chapter', 'comment'] as const;
/** What a reader can like. */
export type LikeTargetType = (typeof LIKE_TARGET_TYPES)[number];

/** What a comment can be posted on. Replies to comments are `comment.replied`, not a target type. */
export const COMMENT_TARGET_TYPES = ['book', 'chapter'] as const;
/** What a comment can be posted on. */
export type CommentTargetType = (typeof COMMENT_TARGET_TYPES)[number];

/** What a user can follow: another user (usually an author) or a book's updates. */
export const FOLLOW_TARGET_TYPES = ['user', 'book'] as const;
/** What a user can follow. */
export type FollowTargetType = (typeof FOLLOW_TARGET_TYPES)[number];

/** The longest comment body. */
export const MAX_COMMENT_LENGTH = 5000;

/** Payload of `like.added`. */
export class LikeAddedPayload {
  @IsId() user_id: string;
  @IsIn(LIKE_TARGET_TYPES) target_type: LikeTargetType;
  @IsId() target_id: string;
  /** Who owns the liked content, so the notification handler need not look it up; absent when unknown. */
  @IsOptional() @IsId() target_owner_id?: string;
}

/** Payload of `like.removed`. */
export class LikeRemovedPayload {
  @IsId() user_id: string;
  @IsIn(LIKE_TARGET_TYPES) target_type: LikeTargetType;
  @IsId() target_id: string;
}

/** Payload of `comment.created`: a top-level comment on a book or chapter. */
export class CommentCreatedPayload {
  @IsId() comment_id: string;
  @IsId() user_id: string;
  @IsIn(COMMENT_TARGET_TYPES) target_type: CommentTargetType;
  @IsId() target_id: string;
  @IsText(MAX_COMMENT_LENGTH) content: string;
}

/** Payload of `comment.updated`: the author edited a comment. */
export class CommentUpdatedPayload {
  @IsId() comment_id: string;
  @IsId() user_id: string;
  @IsText(MAX_COMMENT_LENGTH) content: string;
}

/** Payload of `comment.deleted`. */
export class CommentDeletedPayload {
  @IsId() comment_id: string;
  /** The comment's author. */
  @IsId() user_id: string;
  /** Who deleted it: the author, or a moderator. */
  @IsId() deleted_by: string;
  @IsOptional() @IsText(500) reason?: string;
}

/** Payload of `comment.replied`: a reply to an existing comment. */
export class CommentRepliedPayload {
  /** The reply itself. */
  @IsId() comment_id: string;
  @IsId() parent_comment_id: string;
  /** Who replied. */
  @IsId() user_id: string;
  /** The parent comment's author, who gets notified. */
  @IsId() parent_user_id: string;
  /** Where the thread lives. */
  @IsIn(COMMENT_TARGET_TYPES) target_type: CommentTargetType;
  @IsId() target_id: string;
  @IsText(MAX_COMMENT_LENGTH) content: string;
}

/** Payload of `collection.added`: a reader put a book on a shelf. */
export class CollectionAddedPayload {
  @IsId() user_id: string;
  @IsId() book_id: string;
  /** The reader's shelf; absent for the default one. */
  @IsOptional() @IsId() shelf_id?: string;
}

/** Payload of `collection.removed`. */
export class CollectionRemovedPayload {
  @IsId() user_id: string;
  @IsId() book_id: string;
  @IsOptional() @IsId() shelf_id?: string;
}

/** Payload of `follow.added`. */
export class FollowAddedPayload {
  /** The follower. */
  @IsId() user_id: string;
  @IsIn(FOLLOW_TARGET_TYPES) target_type: FollowTargetType;
  @IsId() target_id: string;
}

/** Payload of `follow.removed`. */
export class FollowRemovedPayload {
  @IsId() user_id: string;
  @IsIn(FOLLOW_TARGET_TYPES) target_type: FollowTargetType;
  @IsId() target_id: string;
}
