import { IsIn, IsInt, Min } from 'class-validator';
import { IsId } from '../common/id.decorator.js';
import { IsCurrencyCode, IsMinorUnits } from '../common/money.decorators.js';
import { IsText } from '../common/text.decorator.js';
import { IsTimestamp } from '../common/timestamp.decorator.js';

/** How money comes in. */
export const DEPOSIT_CHANNELS = ['alipay', 'wechat_pay', 'card', 'apple_pay', 'google_pay', 'paypal'] as const;
/** How money comes in. */
export type DepositChannel = (typeof DEPOSIT_CHANNELS)[number];

/** How money goes out to an author. */
export const WITHDRAWAL_METHODS = ['bank_transfer', 'alipay', 'wechat_pay', 'paypal'] as const;
/** How money goes out to an author. */
export type WithdrawalMethod = (typeof WITHDRAWAL_METHODS)[number];

/** What earned an author money. */
export const REVENUE_SOURCES = ['book_purchase', 'chapter_purchase', 'subscription', 'reward'] as const;
/** What earned an author money. */
export type RevenueSource = (typeof REVENUE_SOURCES)[number];

/** Payload of `deposit.created`: a user started topping up their balance. */
export class DepositCreatedPayload {
  @IsId() deposit_id: string;
  @IsId() user_id: string;
  @IsMinorUnits({ min: 1 }) amount: number;
  @IsCurrencyCode() currency: string;
  @IsIn(DEPOSIT_CHANNELS) channel: DepositChannel;
}

/** Payload of `deposit.completed`: the payment provider confirmed the money. */
export class DepositCompletedPayload {
  @IsId() deposit_id: string;
  @IsId() user_id: string;
  @IsMinorUnits({ min: 1 }) amount: number;
  @IsCurrencyCode() currency: string;
  @IsIn(DEPOSIT_CHANNELS) channel: DepositChannel;
  /** The provider's transaction id, for reconciliation. */
  @IsId() transaction_ref: string;
}

/** Payload of `deposit.failed`. */
export class DepositFailedPayload {
  @IsId() deposit_id: string;
  @IsId() user_id: string;
  @IsMinorUnits({ min: 1 }) amount: number;
  @IsCurrencyCode() currency: string;
  @IsIn(DEPOSIT_CHANNELS) channel: DepositChannel;
  /** The provider's reason, safe to show to the user. */
  @IsText(500) reason: string;
}

/** Payload of `withdrawal.created`: an author asked to be paid out. */
export class WithdrawalCreatedPayload {
  @IsId() withdrawal_id: string;
  @IsId() user_id: string;
  @IsMinorUnits({ min: 1 }) amount: number;
  @IsCurrencyCode() currency: string;
  @IsIn(WITHDRAWAL_METHODS) method: WithdrawalMethod;
}

/** Payload of `withdrawal.approved`. */
export class WithdrawalApprovedPayload {
  @IsId() withdrawal_id: string;
  @IsId() user_id: string;
  @IsMinorUnits({ min: 1 }) amount: number;
  @IsCurrencyCode() currency: string;
  /** The operator who approved it. */
  @IsId() approved_by: string;
}

/** Payload of `withdrawal.rejected`: the money stays in the user's balance. */
export class WithdrawalRejectedPayload {
  @IsId() withdrawal_id: string;
  @IsId() user_id: string;
  @IsMinorUnits({ min: 1 }) amount: number;
  @IsCurrencyCode() currency: string;
  /** The operator who rejected it. */
  @IsId() rejected_by: string;
  @IsText(500) reason: string;
}

/** Payload of `withdrawal.completed`: the money left the platform. */
export class WithdrawalCompletedPayload {
  @IsId() withdrawal_id: string;
  @IsId() user_id: string;
  @IsMinorUnits({ min: 1 }) amount: number;
  @IsCurrencyCode() currency: string;
  /** The bank's or provider's transaction id. */
  @IsId() transaction_ref: string;
}

/** Payload of `settlement.generated`: an author's statement for a period was drawn up. */
export class SettlementGeneratedPayload {
  @IsId() settlement_id: string;
  @IsId() author_id: string;
  /** Start of the period, inclusive. */
  @IsTimestamp() period_start: Date;
  /** End of the period, exclusive, so consecutive periods neither overlap nor leave gaps. */
  @IsTimestamp() period_end: Date;
  /** The total owed for the period; zero when nothing was earned. */
  @IsMinorUnits() amount: number;
  @IsCurrencyCode() currency: string;
  /** How many `revenue.earned` records the statement covers. */
  @IsInt() @Min(0) revenue_count: number;
}

/** Payload of `settlement.paid`. */
export class SettlementPaidPayload {
  @IsId() settlement_id: string;
  @IsId() author_id: string;
  @IsMinorUnits() amount: number;
  @IsCurrencyCode() currency: string;
  @IsId() transaction_ref: string;
}

/** Payload of `revenue.earned`: a sale or reward earned an author a share. */
export class RevenueEarnedPayload {
  @IsId() revenue_id: string;
  @IsId() author_id: string;
  @IsId() book_id: string;
  @IsIn(REVENUE_SOURCES) source: RevenueSource;
  /** The order or reward that produced the revenue. */
  @IsId() source_id: string;
  /** The author's share; may round down to zero on tiny sales. */
  @IsMinorUnits() amount: number;
  @IsCurrencyCode() currency: string;
}

/** Payload of `revenue.settled`: a revenue record was included in a settlement. */
export class RevenueSettledPayload {
  @IsId() revenue_id: string;
  @IsId() author_id: string;
  @IsId() settlement_id: string;
  @IsMinorUnits() amount: number;
  @IsCurrencyCode() currency: string;
}
