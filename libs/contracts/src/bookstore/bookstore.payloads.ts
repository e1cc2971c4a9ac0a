import { IsBoolean, IsIn, IsInt, IsOptional, Min } from 'class-validator';
import { IsId } from '../common/id.decorator.js';
import { IsCurrencyCode, IsMinorUnits } from '../common/money.decorators.js';
import { IsText } from '../common/text.decorator.js';
import { IsTimestamp } from '../common/timestamp.decorator.js';

/** VIP membership tiers. */
export const VIP_TIERS = ['standard', 'premium'] as const;
/** A VIP membership tier. */
export type VipTier = (typeof VIP_TIERS)[number];

/** Payload of `book.purchased`: a reader bought a whole book. */
export class BookPurchasedPayload {
  @IsId() order_id: string;
  @IsId() user_id: string;
  @IsId() book_id: string;
  /** What the reader paid, after discounts; zero when a coupon covered it all. */
  @IsMinorUnits() amount: number;
  @IsCurrencyCode() currency: string;
}

/** Payload of `chapter.purchased`: a reader bought one paid chapter. */
export class ChapterPurchasedPayload {
  @IsId() order_id: string;
  @IsId() user_id: string;
  @IsId() book_id: string;
  @IsId() chapter_id: string;
  /** What the reader paid, after discounts. */
  @IsMinorUnits() amount: number;
  @IsCurrencyCode() currency: string;
}

/** Payload of `refund.requested`. */
export class RefundRequestedPayload {
  @IsId() refund_id: string;
  @IsId() order_id: string;
  @IsId() user_id: string;
  /** The amount asked back; may be less than the order for a partial refund. */
  @IsMinorUnits({ min: 1 }) amount: number;
  @IsCurrencyCode() currency: string;
  @IsText(500) reason: string;
}

/** Payload of `refund.approved`. */
export class RefundApprovedPayload {
  @IsId() refund_id: string;
  @IsId() order_id: string;
  @IsId() user_id: string;
  /** The amount granted, which may differ from the amount requested. */
  @IsMinorUnits({ min: 1 }) amount: number;
  @IsCurrencyCode() currency: string;
  /** The operator who approved it. */
  @IsId() approved_by: string;
}

/** Payload of `subscription.created`: a reader started a recurring plan. */
export class SubscriptionCreatedPayload {
  @IsId() subscription_id: string;
  @IsId() user_id: string;
  @IsId() plan_id: string;
  /** The price of the first period. */
  @IsMinorUnits() amount: number;
  @IsCurrencyCode() currency: string;
  @IsTimestamp() starts_at: Date;
  @IsTimestamp() expires_at: Date;
  @IsBoolean() auto_renew: boolean;
}

/** Payload of `subscription.renewed`: a new period was paid. */
export class SubscriptionRenewedPayload {
  @IsId() subscription_id: string;
  @IsId() user_id: string;
  @IsId() plan_id: string;
  /** The price of the new period. */
  @IsMinorUnits() amount: number;
  @IsCurrencyCode() currency: string;
  /** The end of the new period. */
  @IsTimestamp() expires_at: Date;
}

/** Payload of `subscription.expired`: the last paid period ended without renewal. */
export class SubscriptionExpiredPayload {
  @IsId() subscription_id: string;
  @IsId() user_id: string;
  @IsId() plan_id: string;
}

/** Payload of `subscription.cancelled`: renewal was turned off. */
export class SubscriptionCancelledPayload {
  @IsId() subscription_id: string;
  @IsId() user_id: string;
  @IsId() plan_id: string;
  /** Access continues until the paid period ends; `subscription.expired` follows then. */
  @IsTimestamp() access_until: Date;
  @IsOptional() @IsText(500) reason?: string;
}

/** Payload of `reward.created`: a reader tipped an author. */
export class RewardCreatedPayload {
  @IsId() reward_id: string;
  /** The reader who gave the reward. */
  @IsId() user_id: string;
  @IsId() author_id: string;
  @IsId() book_id: string;
  /** What the reader paid. */
  @IsMinorUnits({ min: 1 }) amount: number;
  @IsCurrencyCode() currency: string;
  @IsOptional() @IsText(200) message?: string;
}

/** Payload of `reward.received`: the reward reached the author's balance. */
export class RewardReceivedPayload {
  @IsId() reward_id: string;
  @IsId() author_id: string;
  /** The reader who gave the reward. */
  @IsId() user_id: string;
  @IsId() book_id: string;
  /** What the author was credited, after the platform's share; may round down to zero. */
  @IsMinorUnits() amount: number;
  @IsCurrencyCode() currency: string;
}

/** Payload of `vip.purchased`: a reader paid for a VIP membership. */
export class VipPurchasedPayload {
  @IsId() order_id: string;
  @IsId() user_id: string;
  @IsIn(VIP_TIERS) tier: VipTier;
  @IsInt() @Min(1) duration_days: number;
  @IsMinorUnits({ min: 1 }) amount: number;
  @IsCurrencyCode() currency: string;
}

/** Payload of `vip.activated`: VIP benefits are in force. */
export class VipActivatedPayload {
  @IsId() user_id: string;
  @IsIn(VIP_TIERS) tier: VipTier;
  @IsTimestamp() starts_at: Date;
  @IsTimestamp() expires_at: Date;
}

/** Payload of `vip.expired`: VIP benefits ended. */
export class VipExpiredPayload {
  @IsId() user_id: string;
  @IsIn(VIP_TIERS) tier: VipTier;
}
