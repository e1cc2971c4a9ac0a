import { defineEvent, eventFactory, type DomainEvent, type EventDefinition } from '@webnovel/events';
import {
  BookPurchasedPayload,
  ChapterPurchasedPayload,
  RefundRequestedPayload,
  RefundApprovedPayload,
  SubscriptionCreatedPayload,
  SubscriptionRenewedPayload,
  SubscriptionExpiredPayload,
  SubscriptionCancelledPayload,
  RewardCreatedPayload,
  RewardReceivedPayload,
  VipPurchasedPayload,
  VipActivatedPayload,
  VipExpiredPayload,
} from './bookstore.payloads.js';

/** `book.purchased` v1. */
export const BookPurchased = defineEvent({
  type: 'book.purchased',
  version: 1,
  payload: BookPurchasedPayload,
  domain: 'bookstore',
  description: 'A reader bought a whole book.',
});
/** Builds a `book.purchased` event. */
export const bookPurchased = eventFactory(BookPurchased);
/** A `book.purchased` event. */
export type BookPurchasedEvent = DomainEvent<BookPurchasedPayload, 'book.purchased'>;

/** `chapter.purchased` v1. */
export const ChapterPurchased = defineEvent({
  type: 'chapter.purchased',
  version: 1,
  payload: ChapterPurchasedPayload,
  domain: 'bookstore',
  description: 'A reader bought a paid chapter.',
});
/** Builds a `chapter.purchased` event. */
export const chapterPurchased = eventFactory(ChapterPurchased);
/** A `chapter.purchased` event. */
export type ChapterPurchasedEvent = DomainEvent<ChapterPurchasedPayload, 'chapter.purchased'>;

/** `refund.requested` v1. */
export const RefundRequested = defineEvent({
  type: 'refund.requested',
  version: 1,
  payload: RefundRequestedPayload,
  domain: 'bookstore',
  description: 'A reader asked for an order to be refunded.',
});
/** Builds a `refund.requested` event. */
export const refundRequested = eventFactory(RefundRequested);
/** A `refund.requested` event. */
export type RefundRequestedEvent = DomainEvent<RefundRequestedPayload, 'refund.requested'>;

/** `refund.approved` v1. */
export const RefundApproved = defineEvent({
  type: 'refund.approved',
  version: 1,
  payload: RefundApprovedPayload,
  domain: 'bookstore',
  description: 'An operator approved a refund.',
});
/** Builds a `refund.approved` event. */
export const refundApproved = eventFactory(RefundApproved);
/** A `refund.approved` event. */
export type RefundApprovedEvent = DomainEvent<RefundApprovedPayload, 'refund.approved'>;

/** `subscription.created` v1. */
export const SubscriptionCreated = defineEvent({
  type: 'subscription.created',
  version: 1,
  payload: SubscriptionCreatedPayload,
  domain: 'bookstore',
  description: 'A reader started a recurring plan.',
});
/** Builds a `subscription.created` event. */
export const subscriptionCreated = eventFactory(SubscriptionCreated);
/** A `subscription.created` event. */
export type SubscriptionCreatedEvent = DomainEvent<SubscriptionCreatedPayload, 'subscription.created'>;

/** `subscription.renewed` v1. */
export const SubscriptionRenewed = defineEvent({
  type: 'subscription.renewed',
  version: 1,
  payload: SubscriptionRenewedPayload,
  domain: 'bookstore',
  description: 'A subscription was paid for another period.',
});
/** Builds a `subscription.renewed` event. */
export const subscriptionRenewed = eventFactory(SubscriptionRenewed);
/** A `subscription.renewed` event. */
export type SubscriptionRenewedEvent = DomainEvent<SubscriptionRenewedPayload, 'subscription.renewed'>;

/** `subscription.expired` v1. */
export const SubscriptionExpired = defineEvent({
  type: 'subscription.expired',
  version: 1,
  payload: SubscriptionExpiredPayload,
  domain: 'bookstore',
  description: 'A subscription reached the end of its last paid period.',
});
/** Builds a `subscription.expired` event. */
export const subscriptionExpired = eventFactory(SubscriptionExpired);
/** A `subscription.expired` event. */
export type SubscriptionExpiredEvent = DomainEvent<SubscriptionExpiredPayload, 'subscription.expired'>;

/** `subscription.cancelled` v1. */
export const SubscriptionCancelled = defineEvent({
  type: 'subscription.cancelled',
  version: 1,
  payload: SubscriptionCancelledPayload,
  domain: 'bookstore',
  description: 'A reader turned renewal off; access lasts until the paid period ends.',
});
/** Builds a `subscription.cancelled` event. */
export const subscriptionCancelled = eventFactory(SubscriptionCancelled);
/** A `subscription.cancelled` event. */
export type SubscriptionCancelledEvent = DomainEvent<SubscriptionCancelledPayload, 'subscription.cancelled'>;

/** `reward.created` v1. */
export const RewardCreated = defineEvent({
  type: 'reward.created',
  version: 1,
  payload: RewardCreatedPayload,
  domain: 'bookstore',
  description: 'A reader tipped an author of a book.',
});
/** Builds a `reward.created` event. */
export const rewardCreated = eventFactory(RewardCreated);
/** A `reward.created` event. */
export type RewardCreatedEvent = DomainEvent<RewardCreatedPayload, 'reward.created'>;

/** `reward.received` v1. */
export const RewardReceived = defineEvent({
  type: 'reward.received',
  version: 1,
  payload: RewardReceivedPayload,
  domain: 'bookstore',
  description: "A reward was credited to the author's balance.",
});
/** Builds a `reward.received` event. */
export const rewardReceived = eventFactory(RewardReceived);
/** A `reward.received` event. */
export type RewardReceivedEvent = DomainEvent<RewardReceivedPayload, 'reward.received'>;

/** `vip.purchased` v1. */
export const VipPurchased = defineEvent({
  type: 'vip.purchased',
  version: 1,
  payload: VipPurchasedPayload,
  domain: 'bookstore',
  description: 'A reader paid for a VIP membership.',
});
/** Builds a `vip.purchased` event. */
export const vipPurchased = eventFactory(VipPurchased);
/** A `vip.purchased` event. */
export type VipPurchasedEvent = DomainEvent<VipPurchasedPayload, 'vip.purchased'>;

/** `vip.activated` v1. */
export const VipActivated = defineEvent({
  type: 'vip.activated',
  version: 1,
  payload: VipActivatedPayload,
  domain: 'bookstore',
  description: "A reader's VIP benefits came into force.",
});
/** Builds a `vip.activated` event. */
export const vipActivated = eventFactory(VipActivated);
/** A `vip.activated` event. */
export type VipActivatedEvent = DomainEvent<VipActivatedPayload, 'vip.activated'>;

/** `vip.expired` v1. */
export const VipExpired = defineEvent({
  type: 'vip.expired',
  version: 1,
  payload: VipExpiredPayload,
  domain: 'bookstore',
  description: "A reader's VIP benefits ended.",
});
/** Builds a `vip.expired` event. */
export const vipExpired = eventFactory(VipExpired);
/** A `vip.expired` event. */
export type VipExpiredEvent = DomainEvent<VipExpiredPayload, 'vip.expired'>;

/** Every definition of the bookstore domain. */
export const bookstoreEvents: readonly EventDefinition[] = Object.freeze([
  BookPurchased,
  ChapterPurchased,
  RefundRequested,
  RefundApproved,
  SubscriptionCreated,
  SubscriptionRenewed,
  SubscriptionExpired,
  SubscriptionCancelled,
  RewardCreated,
  RewardReceived,
  VipPurchased,
  VipActivated,
  VipExpired,
]);
