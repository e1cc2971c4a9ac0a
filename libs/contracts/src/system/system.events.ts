import { defineEvent, eventFactory, type DomainEvent, type EventDefinition } from '@webnovel/events';
import {
  ConfigChangedPayload,
  PermissionChangedPayload,
  RoleChangedPayload,
  ReviewSubmittedPayload,
  ReviewApprovedPayload,
  ReviewRejectedPayload,
  ContentPublishedPayload,
  ContentUnpublishedPayload,
} from './system.payloads.js';

/** `config.changed` v1. */
export const ConfigChanged = defineEvent({
  type: 'config.changed',
  version: 1,
  payload: ConfigChangedPayload,
  domain: 'system',
  description: 'Configuration keys changed.',
});
/** Builds a `config.changed` event. */
export const configChanged = eventFactory(ConfigChanged);
/** A `config.changed` event. */
export type ConfigChangedEvent = DomainEvent<ConfigChangedPayload, 'config.changed'>;

/** `permission.changed` v1. */
export const PermissionChanged = defineEvent({
  type: 'permission.changed',
  version: 1,
  payload: PermissionChangedPayload,
  domain: 'system',
  description: 'Permissions were granted to or revoked from a user or a role.',
});
/** Builds a `permission.changed` event. */
export const permissionChanged = eventFactory(PermissionChanged);
/** A `permission.changed` event. */
export type PermissionChangedEvent = DomainEvent<PermissionChangedPayload, 'permission.changed'>;

/** `role.changed` v1. */
export const RoleChanged = defineEvent({
  type: 'role.changed',
  version: 1,
  payload: RoleChangedPayload,
  domain: 'system',
  description: 'Roles were added to or removed from a user.',
});
/** Builds a `role.changed` event. */
export const roleChanged = eventFactory(RoleChanged);
/** A `role.changed` event. */
export type RoleChangedEvent = DomainEvent<RoleChangedPayload, 'role.changed'>;

/** `review.submitted` v1. */
export const ReviewSubmitted = defineEvent({
  type: 'review.submitted',
  version: 1,
  payload: ReviewSubmittedPayload,
  domain: 'system',
  description: 'Content entered the moderation queue.',
});
/** Builds a `review.submitted` event. */
export const reviewSubmitted = eventFactory(ReviewSubmitted);
/** A `review.submitted` event. */
export type ReviewSubmittedEvent = DomainEvent<ReviewSubmittedPayload, 'review.submitted'>;

/** `review.approved` v1. */
export const ReviewApproved = defineEvent({
  type: 'review.approved',
  version: 1,
  payload: ReviewApprovedPayload,
  domain: 'system',
  description: 'A reviewer approved content.',
});
/** Builds a `review.approved` event. */
export const reviewApproved = eventFactory(ReviewApproved);
/** A `review.approved` event. */
export type ReviewApprovedEvent = DomainEvent<ReviewApprovedPayload, 'review.approved'>;

/** `review.rejected` v1. */
export const ReviewRejected = defineEvent({
  type: 'review.rejected',
  version: 1,
  payload: ReviewRejectedPayload,
  domain: 'system',
  description: 'A reviewer rejected content.',
});
/** Builds a `review.rejected` event. */
export const reviewRejected = eventFactory(ReviewRejected);
/** A `review.rejected` event. */
export type ReviewRejectedEvent = DomainEvent<ReviewRejectedPayload, 'review.rejected'>;

/** `content.published` v1. */
export const ContentPublished = defineEvent({
  type: 'content.published',
  version: 1,
  payload: ContentPublishedPayload,
  domain: 'system',
  description: 'A book or chapter became visible to readers.',
});
/** Builds a `content.published` event. */
export const contentPublished = eventFactory(ContentPublished);
/** A `content.published` event. */
export type ContentPublishedEvent = DomainEvent<ContentPublishedPayload, 'content.published'>;

/** `content.unpublished` v1. */
export const ContentUnpublished = defineEvent({
  type: 'content.unpublished',
  version: 1,
  payload: ContentUnpublishedPayload,
  domain: 'system',
  description: 'A book or chapter was taken down.',
});
/** Builds a `content.unpublished` event. */
export const contentUnpublished = eventFactory(ContentUnpublished);
/** A `content.unpublished` event. */
export type ContentUnpublishedEvent = DomainEvent<ContentUnpublishedPayload, 'content.unpublished'>;

/** Every definition of the system domain. */
export const systemEvents: readonly EventDefinition[] = Object.freeze([
  ConfigChanged,
  PermissionChanged,
  RoleChanged,
  ReviewSubmitted,
  ReviewApproved,
  ReviewRejected,
  ContentPublished,
  ContentUnpublished,
]);
