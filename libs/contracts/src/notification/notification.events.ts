import { defineEvent, eventFactory, type DomainEvent, type EventDefinition } from '@webnovel/events';
import {
  NotificationCreatedPayload,
  NotificationSentPayload,
  NotificationReadPayload,
  NotificationDeletedPayload,
} from './notification.payloads.js';

/** `notification.created` v1. */
export const NotificationCreated = defineEvent({
  type: 'notification.created',
  version: 1,
  payload: NotificationCreatedPayload,
  domain: 'notification',
  description: 'A notification was created for a user, to be delivered on the listed channels.',
});
/** Builds a `notification.created` event. */
export const notificationCreated = eventFactory(NotificationCreated);
/** A `notification.created` event. */
export type NotificationCreatedEvent = DomainEvent<NotificationCreatedPayload, 'notification.created'>;

/** `notification.sent` v1. */
export const NotificationSent = defineEvent({
  type: 'notification.sent',
  version: 1,
  payload: NotificationSentPayload,
  domain: 'notification',
  description: 'One channel delivered a notification.',
});
/** Builds a `notification.sent` event. */
export const notificationSent = eventFactory(NotificationSent);
/** A `notification.sent` event. */
export type NotificationSentEvent = DomainEvent<NotificationSentPayload, 'notification.sent'>;

/** `notification.read` v1. */
export const NotificationRead = defineEvent({
  type: 'notification.read',
  version: 1,
  payload: NotificationReadPayload,
  domain: 'notification',
  description: 'The recipient read a notification.',
});
/** Builds a `notification.read` event. */
export const notificationRead = eventFactory(NotificationRead);
/** A `notification.read` event. */
export type NotificationReadEvent = DomainEvent<NotificationReadPayload, 'notification.read'>;

/** `notification.deleted` v1. */
export const NotificationDeleted = defineEvent({
  type: 'notification.deleted',
  version: 1,
  payload: NotificationDeletedPayload,
  domain: 'notification',
  description: 'The recipient deleted a notification.',
});
/** Builds a `notification.deleted` event. */
export const notificationDeleted = eventFactory(NotificationDeleted);
/** A `notification.deleted` event. */
export type NotificationDeletedEvent = DomainEvent<NotificationDeletedPayload, 'notification.deleted'>;

/** Every definition of the notification domain. */
export const notificationEvents: readonly EventDefinition[] = Object.freeze([
  NotificationCreated,
  NotificationSent,
  NotificationRead,
  NotificationDeleted,
]);
