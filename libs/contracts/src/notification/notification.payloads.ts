import { ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsOptional } from 'class-validator';
import { IsId } from '../common/id.decorator.js';
import { IsText } from '../common/text.decorator.js';

/** What a notification is about. */
export const NOTIFICATION_TYPES = ['system', 'comment', 'like', 'follow', 'reward', 'achievement', 'purchase', 'finance'] as const;
/** What a notification is about. */
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** Where a notification can be delivered. */
export const NOTIFICATION_CHANNELS = ['in_app', 'email', 'sms', 'push'] as const;
/** Where a notification can be delivered. */
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** The longest notification title; short enough for a push banner. */
export const MAX_NOTIFICATION_TITLE_LENGTH = 200;
/** The longest notification body. */
export const MAX_NOTIFICATION_CONTENT_LENGTH = 2000;

/** Payload of `notification.created`: a notification was queued for a user on one or more channels. */
export class NotificationCreatedPayload {
  @IsId() notification_id: string;
  /** The recipient. */
  @IsId() user_id: string;
  @IsIn(NOTIFICATION_TYPES) type: NotificationType;
  @IsText(MAX_NOTIFICATION_TITLE_LENGTH) title: string;
  @IsText(MAX_NOTIFICATION_CONTENT_LENGTH) content: string;
  /** Each channel's sender handles the event and reports back with `notification.sent`. */
  @IsArray() @ArrayNotEmpty() @ArrayUnique() @IsIn(NOTIFICATION_CHANNELS, { each: true }) channels: NotificationChannel[];
}

/** Payload of `notification.sent`: one channel delivered the notification. */
export class NotificationSentPayload {
  @IsId() notification_id: string;
  @IsId() user_id: string;
  @IsIn(NOTIFICATION_CHANNELS) channel: NotificationChannel;
  /** The provider's message id (mail, SMS or push gateway), for tracing a delivery complaint. */
  @IsOptional() @IsId() provider_message_id?: string;
}

/** Payload of `notification.read`. */
export class NotificationReadPayload {
  @IsId() notification_id: string;
  @IsId() user_id: string;
}

/** Payload of `notification.deleted`. */
export class NotificationDeletedPayload {
  @IsId() notification_id: string;
  @IsId() user_id: string;
}
