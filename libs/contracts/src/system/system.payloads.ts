import { IsIn } from 'class-validator';
import { IsNameList } from '../common/field-list.decorator.js';
import { IsId } from '../common/id.decorator.js';
import { IsText } from '../common/text.decorator.js';

/** What permissions are attached to. */
export const PERMISSION_TARGET_TYPES = ['user', 'role'] as const;
/** What permissions are attached to. */
export type PermissionTargetType = (typeof PERMISSION_TARGET_TYPES)[number];

/** What goes through content review. */
export const REVIEW_TARGET_TYPES = ['book', 'chapter', 'comment'] as const;
/** What goes through content review. */
export type ReviewTargetType = (typeof REVIEW_TARGET_TYPES)[number];

/** What can be published. */
export const CONTENT_TARGET_TYPES = ['book', 'chapter'] as const;
/** What can be published. */
export type ContentTargetType = (typeof CONTENT_TARGET_TYPES)[number];

/** Payload of `config.changed`. */
export class ConfigChangedPayload {
  /** Who made the change; a service account for automated changes. */
  @IsId() operator_id: string;
  /** Names of the changed keys, never their values: configuration may hold secrets. */
  @IsNameList() changed_keys: string[];
}

/** Payload of `permission.changed`: permissions were granted to or revoked from a user or a role. */
export class PermissionChangedPayload {
  @IsId() operator_id: string;
  @IsIn(PERMISSION_TARGET_TYPES) target_type: PermissionTargetType;
  @IsId() target_id: string;
  @IsNameList({ allowEmpty: true }) granted: string[];
  @IsNameList({ allowEmpty: true }) revoked: string[];
}

/** Payload of `role.changed`: roles were added to or removed from a user. */
export class RoleChangedPayload {
  @IsId() operator_id: string;
  @IsId() user_id: string;
  @IsNameList({ allowEmpty: true }) added_roles: string[];
  @IsNameList({ allowEmpty: true }) removed_roles: string[];
}

/** Payload of `review.submitted`: content entered the moderation queue. */
export class ReviewSubmittedPayload {
  @IsId() review_id: string;
  /** Who submitted it: the author, or the system for automatic checks. */
  @IsId() operator_id: string;
  @IsIn(REVIEW_TARGET_TYPES) target_type: ReviewTargetType;
  @IsId() target_id: string;
}

/** Payload of `review.approved`. */
export class ReviewApprovedPayload {
  @IsId() review_id: string;
  /** The reviewer. */
  @IsId() operator_id: string;
  @IsIn(REVIEW_TARGET_TYPES) target_type: ReviewTargetType;
  @IsId() target_id: string;
}

/** Payload of `review.rejected`. */
export class ReviewRejectedPayload {
  @IsId() review_id: string;
  /** The reviewer. */
  @IsId() operator_id: string;
  @IsIn(REVIEW_TARGET_TYPES) target_type: ReviewTargetType;
  @IsId() target_id: string;
  /** Shown to the author, so it should say what to fix. */
  @IsText(1000) reason: string;
}

/** Payload of `content.published`: a book or chapter became visible to readers. */
export class ContentPublishedPayload {
  @IsId() operator_id: string;
  @IsIn(CONTENT_TARGET_TYPES) target_type: ContentTargetType;
  @IsId() target_id: string;
  /** The book, also for a chapter, so followers of the book can be notified without a lookup. */
  @IsId() book_id: string;
}

/** Payload of `content.unpublished`: a book or chapter was taken down. */
export class ContentUnpublishedPayload {
  @IsId() operator_id: string;
  @IsIn(CONTENT_TARGET_TYPES) target_type: ContentTargetType;
  @IsId() target_id: string;
  @IsId() book_id: string;
  @IsText(1000) reason: string;
}
