import { defineEvent, eventFactory, type DomainEvent, type EventDefinition } from '@webnovel/events';
import {
  UserDeletedPayload,
  UserLoggedInPayload,
  UserLoggedOutPayload,
  UserRegisteredPayload,
  UserUpdatedPayload,
} from './user.payloads.js';

/** `user.registered` v1. */
export const UserRegistered = defineEvent({
  type: 'user.registered',
  version: 1,
  payload: UserRegisteredPayload,
  domain: 'user',
  description: 'A user account was created.',
});
/** Builds a `user.registered` event. */
export const userRegistered = eventFactory(UserRegistered);
/** A `user.registered` event. */
export type UserRegisteredEvent = DomainEvent<UserRegisteredPayload, 'user.registered'>;

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
  UserLoggedIn,
  UserLoggedOut,
  UserUpdated,
  UserDeleted,
]);
