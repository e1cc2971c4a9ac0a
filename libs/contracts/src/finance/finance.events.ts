import { defineEvent, eventFactory, type DomainEvent, type EventDefinition } from '@webnovel/events';
import {
  DepositCreatedPayload,
  DepositCompletedPayload,
  DepositFailedPayload,
  WithdrawalCreatedPayload,
  WithdrawalApprovedPayload,
  WithdrawalRejectedPayload,
  WithdrawalCompletedPayload,
  SettlementGeneratedPayload,
  SettlementPaidPayload,
  RevenueEarnedPayload,
  RevenueSettledPayload,
} from './finance.payloads.js';

/** `deposit.created` v1. */
export const DepositCreated = defineEvent({
  type: 'deposit.created',
  version: 1,
  payload: DepositCreatedPayload,
  domain: 'finance',
  description: 'A user started topping up their balance.',
});
/** Builds a `deposit.created` event. */
export const depositCreated = eventFactory(DepositCreated);
/** A `deposit.created` event. */
export type DepositCreatedEvent = DomainEvent<DepositCreatedPayload, 'deposit.created'>;

/** `deposit.completed` v1. */
export const DepositCompleted = defineEvent({
  type: 'deposit.completed',
  version: 1,
  payload: DepositCompletedPayload,
  domain: 'finance',
  description: 'The payment provider confirmed a deposit; the balance was credited.',
});
/** Builds a `deposit.completed` event. */
export const depositCompleted = eventFactory(DepositCompleted);
/** A `deposit.completed` event. */
export type DepositCompletedEvent = DomainEvent<DepositCompletedPayload, 'deposit.completed'>;

/** `deposit.failed` v1. */
export const DepositFailed = defineEvent({
  type: 'deposit.failed',
  version: 1,
  payload: DepositFailedPayload,
  domain: 'finance',
  description: 'A deposit failed; nothing was credited.',
});
/** Builds a `deposit.failed` event. */
export const depositFailed = eventFactory(DepositFailed);
/** A `deposit.failed` event. */
export type DepositFailedEvent = DomainEvent<DepositFailedPayload, 'deposit.failed'>;

/** `withdrawal.created` v1. */
export const WithdrawalCreated = defineEvent({
  type: 'withdrawal.created',
  version: 1,
  payload: WithdrawalCreatedPayload,
  domain: 'finance',
  description: 'A user asked to withdraw money from their balance.',
});
/** Builds a `withdrawal.created` event. */
export const withdrawalCreated = eventFactory(WithdrawalCreated);
/** A `withdrawal.created` event. */
export type WithdrawalCreatedEvent = DomainEvent<WithdrawalCreatedPayload, 'withdrawal.created'>;

/** `withdrawal.approved` v1. */
export const WithdrawalApproved = defineEvent({
  type: 'withdrawal.approved',
  version: 1,
  payload: WithdrawalApprovedPayload,
  domain: 'finance',
  description: 'An operator approved a withdrawal.',
});
/** Builds a `withdrawal.approved` event. */
export const withdrawalApproved = eventFactory(WithdrawalApproved);
/** A `withdrawal.approved` event. */
export type WithdrawalApprovedEvent = DomainEvent<WithdrawalApprovedPayload, 'withdrawal.approved'>;

/** `withdrawal.rejected` v1. */
export const WithdrawalRejected = defineEvent({
  type: 'withdrawal.rejected',
  version: 1,
  payload: WithdrawalRejectedPayload,
  domain: 'finance',
  description: 'An operator rejected a withdrawal; the money stays in the balance.',
});
/** Builds a `withdrawal.rejected` event. */
export const withdrawalRejected = eventFactory(WithdrawalRejected);
/** A `withdrawal.rejected` event. */
export type WithdrawalRejectedEvent = DomainEvent<WithdrawalRejectedPayload, 'withdrawal.rejected'>;

/** `withdrawal.completed` v1. */
export const WithdrawalCompleted = defineEvent({
  type: 'withdrawal.completed',
  version: 1,
  payload: WithdrawalCompletedPayload,
  domain: 'finance',
  description: 'The money of a withdrawal left the platform.',
});
/** Builds a `withdrawal.completed` event. */
export const withdrawalCompleted = eventFactory(WithdrawalCompleted);
/** A `withdrawal.completed` event. */
export type WithdrawalCompletedEvent = DomainEvent<WithdrawalCompletedPayload, 'withdrawal.completed'>;

/** `settlement.generated` v1. */
export const SettlementGenerated = defineEvent({
  type: 'settlement.generated',
  version: 1,
  payload: SettlementGeneratedPayload,
  domain: 'finance',
  description: "An author's settlement statement for a period was drawn up.",
});
/** Builds a `settlement.generated` event. */
export const settlementGenerated = eventFactory(SettlementGenerated);
/** A `settlement.generated` event. */
export type SettlementGeneratedEvent = DomainEvent<SettlementGeneratedPayload, 'settlement.generated'>;

/** `settlement.paid` v1. */
export const SettlementPaid = defineEvent({
  type: 'settlement.paid',
  version: 1,
  payload: SettlementPaidPayload,
  domain: 'finance',
  description: 'A settlement was paid to its author.',
});
/** Builds a `settlement.paid` event. */
export const settlementPaid = eventFactory(SettlementPaid);
/** A `settlement.paid` event. */
export type SettlementPaidEvent = DomainEvent<SettlementPaidPayload, 'settlement.paid'>;

/** `revenue.earned` v1. */
export const RevenueEarned = defineEvent({
  type: 'revenue.earned',
  version: 1,
  payload: RevenueEarnedPayload,
  domain: 'finance',
  description: 'A sale or a reward earned an author a share.',
});
/** Builds a `revenue.earned` event. */
export const revenueEarned = eventFactory(RevenueEarned);
/** A `revenue.earned` event. */
export type RevenueEarnedEvent = DomainEvent<RevenueEarnedPayload, 'revenue.earned'>;

/** `revenue.settled` v1. */
export const RevenueSettled = defineEvent({
  type: 'revenue.settled',
  version: 1,
  payload: RevenueSettledPayload,
  domain: 'finance',
  description: 'A revenue record was included in a settlement.',
});
/** Builds a `revenue.settled` event. */
export const revenueSettled = eventFactory(RevenueSettled);
/** A `revenue.settled` event. */
export type RevenueSettledEvent = DomainEvent<RevenueSettledPayload, 'revenue.settled'>;

/** Every definition of the finance domain. */
export const financeEvents: readonly EventDefinition[] = Object.freeze([
  DepositCreated,
  DepositCompleted,
  DepositFailed,
  WithdrawalCreated,
  WithdrawalApproved,
  WithdrawalRejected,
  WithdrawalCompleted,
  SettlementGenerated,
  SettlementPaid,
  RevenueEarned,
  RevenueSettled,
]);
