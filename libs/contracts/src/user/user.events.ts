import { defineEvent, eventFactory, type DomainEvent, type EventDefinition } from '@webnovel/events';
import {
  UserDeletedPayload,
  UserLoggedInPayload,
  UserLoggedOutPayload,
  UserRegisteredPayload,
  UserRegisteredV2Payload,
  UserUpdatedPayload,
} from './user.payloads.js';

/** `user.registered` v1. Kept while stored, queued or dead-lettered v1 events may remain; see `userRegisteredV1ToV2`. */
export const UserRegistered = defineEvent({
  type: 'user.registered',
  version: 1,
  payload: UserRegisteredPayload,
  domain: 'user',
  description: 'A user account was created.',
});
/**
 * Builds a `user.registered` v1 event, which handlers receive upcast to v2. Still v1 so existing publishers compile
 * unchanged; new code publishes {@link userRegisteredV2}.
 */
export const userRegistered = eventFactory(UserRegistered);
/** A `user.registered` v1 event. */
export type UserRegisteredEvent = DomainEvent<UserRegisteredPayload, 'user.registered'>;

/** `user.registered` v2: v1 plus `user_type` and `referral`. The latest version, so what handlers receive by default. */
// #region user-registered-v2
export const UserRegisteredV2 = defineEvent({
  type: 'user.registered',
  version: 2,
  payload: UserRegisteredV2Payload,
  domain: 'user',
  description: 'A user account was created, with the kind of account and the referral it signed up with.',
});
/** Builds a `user.registered` v2 event. */
export const userRegisteredV2 = eventFactory(UserRegisteredV2);
/** A `user.registered` v2 event, as handlers of the latest version receive every `user.registered`. */
export type UserRegisteredV2Event = DomainEvent<UserRegisteredV2Payload, 'user.registered'>;
// #endregion

/** `user.logged_in` v1. */
export const UserLoggedIn = defineEvent({
  type: 'user.logged_in',
  version: 1,
  payload: UserLoggedInPayload,
  domain: 'user',
  description: 'A user signed in and a session was opened.',
});
/** Builds a `user.logged_in` event. */
export const userLoggedIn = eventFactory(UserLoggedIn);
/** A `user.logged_in` event. */
export type UserLoggedInEvent = DomainEvent<UserLoggedInPayload, 'user.logged_in'>;

/** `user.logged_out` v1. */
export const UserLoggedOut = defineEvent({
  type: 'user.logged_out',
  version: 1,
  payload: UserLoggedOutPayload,
  domain: 'user',
  description: 'A user signed out and the session was closed.',
});
/** Builds a `user.logged_out` event. */
export const userLoggedOut = eventFactory(UserLoggedOut);
/** A `user.logged_out` event. */
export type UserLoggedOutEvent = DomainEvent<UserLoggedOutPayload, 'user.logged_out'>;

/** `user.updated` v1. */
export const UserUpdated = defineEvent({
  type: 'user.updated',
  version: 1,
  payload: UserUpdatedPayload,
  domain: 'user',
  description: 'Profile fields of a user changed; the payload names the fields, not their values.',
});
/** Builds a `user.updated` event. */
export const userUpdated = eventFactory(UserUpdated);
/** A `user.updated` event. */
export type UserUpdatedEvent = DomainEvent<UserUpdatedPayload, 'user.updated'>;

/** `user.deleted` v1. */
export const UserDeleted = defineEvent({
  type: 'user.deleted',
  version: 1,
  payload: UserDeletedPayload,
  domain: 'user',
  description: 'A user account was deleted.',
});
/** Builds a `user.deleted` event. */
export const userDeleted = eventFactory(UserDeleted);
/** A `user.deleted` event. */
export type UserDeletedEvent = DomainEvent<UserDeletedPayload, 'user.deleted'>;

/** Every definition of the user domain. */
export const userEvents: readonly EventDefinition[] = Object.freeze([
  UserRegistered,
  UserRegisteredV2,
  UserLoggedIn,
  UserLoggedOut,
  UserUpdated,
  UserDeleted,
]);
