// Public API of @webnovel/contracts: the catalog, and per domain its payload classes, definitions, factories and event types.
export { webNovelEvents, webNovelCatalog, webNovelUpcasters } from './catalog.js';
export { type MinorUnitsOptions, IsMinorUnits, IsCurrencyCode } from './common/money.decorators.js';
export { MAX_ID_LENGTH, IsId } from './common/id.decorator.js';
export { IsTimestamp } from './common/timestamp.decorator.js';
export { type NameListOptions, IsNameList } from './common/field-list.decorator.js';
export { IsText } from './common/text.decorator.js';

// user
export { USER_TYPES, type UserType, UserRegisteredPayload, UserRegisteredV2Payload } from './user/user.payloads.js';
export { UserLoggedInPayload, UserLoggedOutPayload, UserUpdatedPayload, UserDeletedPayload } from './user/user.payloads.js';
export { UserRegistered, userRegistered, type UserRegisteredEvent } from './user/user.events.js';
export { UserRegisteredV2, userRegisteredV2, type UserRegisteredV2Event } from './user/user.events.js';
export { UserLoggedIn, userLoggedIn, type UserLoggedInEvent } from './user/user.events.js';
export { UserLoggedOut, userLoggedOut, type UserLoggedOutEvent } from './user/user.events.js';
export { UserUpdated, userUpdated, type UserUpdatedEvent } from './user/user.events.js';
export { UserDeleted, userDeleted, type UserDeletedEvent } from './user/user.events.js';
export { userEvents } from './user/user.events.js';
export { userRegisteredV1ToV2, userUpcasters } from './user/user.upcasters.js';

// reading
export { MAX_NOTE_LENGTH, ReadingChapterReadPayload, ReadingProgressUpdatedPayload } from './reading/reading.payloads.js';
export { ReadingBookmarkAddedPayload, ReadingBookmarkRemovedPayload, ReadingNoteCreatedPayload } from './reading/reading.payloads.js';
export { ReadingNoteUpdatedPayload, ReadingNoteDeletedPayload } from './reading/reading.payloads.js';
export { ReadingChapterRead, readingChapterRead, type ReadingChapterReadEvent } from './reading/reading.events.js';
export { ReadingProgressUpdated, readingProgressUpdated, type ReadingProgressUpdatedEvent } from './reading/reading.events.js';
export { ReadingBookmarkAdded, readingBookmarkAdded, type ReadingBookmarkAddedEvent } from './reading/reading.events.js';
export { ReadingBookmarkRemoved, readingBookmarkRemoved, type ReadingBookmarkRemovedEvent } from './reading/reading.events.js';
export { ReadingNoteCreated, readingNoteCreated, type ReadingNoteCreatedEvent } from './reading/reading.events.js';
export { ReadingNoteUpdated, readingNoteUpdated, type ReadingNoteUpdatedEvent } from './reading/reading.events.js';
export { ReadingNoteDeleted, readingNoteDeleted, type ReadingNoteDeletedEvent } from './reading/reading.events.js';
export { readingEvents } from './reading/reading.events.js';

// writing
export { WritingCharacterCreatedPayload, WritingCharacterUpdatedPayload } from './writing/writing.payloads.js';
export { WritingCharacterDeletedPayload, WritingLocationCreatedPayload } from './writing/writing.payloads.js';
export { WritingLocationUpdatedPayload, WritingLocationDeletedPayload } from './writing/writing.payloads.js';
export { WritingTimelineEventCreatedPayload, WritingTimelineEventUpdatedPayload } from './writing/writing.payloads.js';
export { WritingTimelineEventDeletedPayload } from './writing/writing.payloads.js';
export { WritingCharacterCreated, writingCharacterCreated, type WritingCharacterCreatedEvent } from './writing/writing.events.js';
export { WritingCharacterUpdated, writingCharacterUpdated, type WritingCharacterUpdatedEvent } from './writing/writing.events.js';
export { WritingCharacterDeleted, writingCharacterDeleted, type WritingCharacterDeletedEvent } from './writing/writing.events.js';
export { WritingLocationCreated, writingLocationCreated, type WritingLocationCreatedEvent } from './writing/writing.events.js';
export { WritingLocationUpdated, writingLocationUpdated, type WritingLocationUpdatedEvent } from './writing/writing.events.js';
export { WritingLocationDeleted, writingLocationDeleted, type WritingLocationDeletedEvent } from './writing/writing.events.js';
export {
  WritingTimelineEventCreated,
  writingTimelineEventCreated,
  type WritingTimelineEventCreatedEvent,
} from './writing/writing.events.js';
export {
  WritingTimelineEventUpdated,
  writingTimelineEventUpdated,
  type WritingTimelineEventUpdatedEvent,
} from './writing/writing.events.js';
export {
  WritingTimelineEventDeleted,
  writingTimelineEventDeleted,
  type WritingTimelineEventDeletedEvent,
} from './writing/writing.events.js';
export { writingEvents } from './writing/writing.events.js';

// social
export { LIKE_TARGET_TYPES, type LikeTargetType, COMMENT_TARGET_TYPES, type CommentTargetType } from './social/social.payloads.js';
export { FOLLOW_TARGET_TYPES, type FollowTargetType, MAX_COMMENT_LENGTH, LikeAddedPayload } from './social/social.payloads.js';
export { LikeRemovedPayload, CommentCreatedPayload, CommentUpdatedPayload, CommentDeletedPayload } from './social/social.payloads.js';
export { CommentRepliedPayload, CollectionAddedPayload, CollectionRemovedPayload, FollowAddedPayload } from './social/social.payloads.js';
export { FollowRemovedPayload } from './social/social.payloads.js';
export { LikeAdded, likeAdded, type LikeAddedEvent } from './social/social.events.js';
export { LikeRemoved, likeRemoved, type LikeRemovedEvent } from './social/social.events.js';
export { CommentCreated, commentCreated, type CommentCreatedEvent } from './social/social.events.js';
export { CommentUpdated, commentUpdated, type CommentUpdatedEvent } from './social/social.events.js';
export { CommentDeleted, commentDeleted, type CommentDeletedEvent } from './social/social.events.js';
export { CommentReplied, commentReplied, type CommentRepliedEvent } from './social/social.events.js';
export { CollectionAdded, collectionAdded, type CollectionAddedEvent } from './social/social.events.js';
export { CollectionRemoved, collectionRemoved, type CollectionRemovedEvent } from './social/social.events.js';
export { FollowAdded, followAdded, type FollowAddedEvent } from './social/social.events.js';
export { FollowRemoved, followRemoved, type FollowRemovedEvent } from './social/social.events.js';
export { socialEvents } from './social/social.events.js';

// bookstore
export { VIP_TIERS, type VipTier, BookPurchasedPayload, ChapterPurchasedPayload } from './bookstore/bookstore.payloads.js';
export { RefundRequestedPayload, RefundApprovedPayload, SubscriptionCreatedPayload } from './bookstore/bookstore.payloads.js';
export { SubscriptionRenewedPayload, SubscriptionExpiredPayload, SubscriptionCancelledPayload } from './bookstore/bookstore.payloads.js';
export { RewardCreatedPayload, RewardReceivedPayload, VipPurchasedPayload, VipActivatedPayload } from './bookstore/bookstore.payloads.js';
export { VipExpiredPayload } from './bookstore/bookstore.payloads.js';
export { BookPurchased, bookPurchased, type BookPurchasedEvent } from './bookstore/bookstore.events.js';
export { ChapterPurchased, chapterPurchased, type ChapterPurchasedEvent } from './bookstore/bookstore.events.js';
export { RefundRequested, refundRequested, type RefundRequestedEvent } from './bookstore/bookstore.events.js';
export { RefundApproved, refundApproved, type RefundApprovedEvent } from './bookstore/bookstore.events.js';
export { SubscriptionCreated, subscriptionCreated, type SubscriptionCreatedEvent } from './bookstore/bookstore.events.js';
export { SubscriptionRenewed, subscriptionRenewed, type SubscriptionRenewedEvent } from './bookstore/bookstore.events.js';
export { SubscriptionExpired, subscriptionExpired, type SubscriptionExpiredEvent } from './bookstore/bookstore.events.js';
export { SubscriptionCancelled, subscriptionCancelled, type SubscriptionCancelledEvent } from './bookstore/bookstore.events.js';
export { RewardCreated, rewardCreated, type RewardCreatedEvent } from './bookstore/bookstore.events.js';
export { RewardReceived, rewardReceived, type RewardReceivedEvent } from './bookstore/bookstore.events.js';
export { VipPurchased, vipPurchased, type VipPurchasedEvent } from './bookstore/bookstore.events.js';
export { VipActivated, vipActivated, type VipActivatedEvent } from './bookstore/bookstore.events.js';
export { VipExpired, vipExpired, type VipExpiredEvent } from './bookstore/bookstore.events.js';
export { bookstoreEvents } from './bookstore/bookstore.events.js';

// finance
export { DEPOSIT_CHANNELS, type DepositChannel, WITHDRAWAL_METHODS, type WithdrawalMethod } from './finance/finance.payloads.js';
export { REVENUE_SOURCES, type RevenueSource, DepositCreatedPayload, DepositCompletedPayload } from './finance/finance.payloads.js';
export { DepositFailedPayload, WithdrawalCreatedPayload, WithdrawalApprovedPayload } from './finance/finance.payloads.js';
export { WithdrawalRejectedPayload, WithdrawalCompletedPayload, SettlementGeneratedPayload } from './finance/finance.payloads.js';
export { SettlementPaidPayload, RevenueEarnedPayload, RevenueSettledPayload } from './finance/finance.payloads.js';
export { DepositCreated, depositCreated, type DepositCreatedEvent } from './finance/finance.events.js';
export { DepositCompleted, depositCompleted, type DepositCompletedEvent } from './finance/finance.events.js';
export { DepositFailed, depositFailed, type DepositFailedEvent } from './finance/finance.events.js';
export { WithdrawalCreated, withdrawalCreated, type WithdrawalCreatedEvent } from './finance/finance.events.js';
export { WithdrawalApproved, withdrawalApproved, type WithdrawalApprovedEvent } from './finance/finance.events.js';
export { WithdrawalRejected, withdrawalRejected, type WithdrawalRejectedEvent } from './finance/finance.events.js';
export { WithdrawalCompleted, withdrawalCompleted, type WithdrawalCompletedEvent } from './finance/finance.events.js';
export { SettlementGenerated, settlementGenerated, type SettlementGeneratedEvent } from './finance/finance.events.js';
export { SettlementPaid, settlementPaid, type SettlementPaidEvent } from './finance/finance.events.js';
export { RevenueEarned, revenueEarned, type RevenueEarnedEvent } from './finance/finance.events.js';
export { RevenueSettled, revenueSettled, type RevenueSettledEvent } from './finance/finance.events.js';
export { financeEvents } from './finance/finance.events.js';

// notification
export { NOTIFICATION_TYPES, type NotificationType, NOTIFICATION_CHANNELS } from './notification/notification.payloads.js';
export { type NotificationChannel, MAX_NOTIFICATION_TITLE_LENGTH } from './notification/notification.payloads.js';
export { MAX_NOTIFICATION_CONTENT_LENGTH, NotificationCreatedPayload } from './notification/notification.payloads.js';
export { NotificationSentPayload, NotificationReadPayload, NotificationDeletedPayload } from './notification/notification.payloads.js';
export { NotificationCreated, notificationCreated, type NotificationCreatedEvent } from './notification/notification.events.js';
export { NotificationSent, notificationSent, type NotificationSentEvent } from './notification/notification.events.js';
export { NotificationRead, notificationRead, type NotificationReadEvent } from './notification/notification.events.js';
export { NotificationDeleted, notificationDeleted, type NotificationDeletedEvent } from './notification/notification.events.js';
export { notificationEvents } from './notification/notification.events.js';

// system
export { PERMISSION_TARGET_TYPES, type PermissionTargetType, REVIEW_TARGET_TYPES } from './system/system.payloads.js';
export { type ReviewTargetType, CONTENT_TARGET_TYPES, type ContentTargetType, ConfigChangedPayload } from './system/system.payloads.js';
export { PermissionChangedPayload, RoleChangedPayload, ReviewSubmittedPayload, ReviewApprovedPayload } from './system/system.payloads.js';
export { ReviewRejectedPayload, ContentPublishedPayload, ContentUnpublishedPayload } from './system/system.payloads.js';
export { ConfigChanged, configChanged, type ConfigChangedEvent } from './system/system.events.js';
export { PermissionChanged, permissionChanged, type PermissionChangedEvent } from './system/system.events.js';
export { RoleChanged, roleChanged, type RoleChangedEvent } from './system/system.events.js';
export { ReviewSubmitted, reviewSubmitted, type ReviewSubmittedEvent } from './system/system.events.js';
export { ReviewApproved, reviewApproved, type ReviewApprovedEvent } from './system/system.events.js';
export { ReviewRejected, reviewRejected, type ReviewRejectedEvent } from './system/system.events.js';
export { ContentPublished, contentPublished, type ContentPublishedEvent } from './system/system.events.js';
export { ContentUnpublished, contentUnpublished, type ContentUnpublishedEvent } from './system/system.events.js';
export { systemEvents } from './system/system.events.js';
