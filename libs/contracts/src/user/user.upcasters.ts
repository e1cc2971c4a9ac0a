import { defineUpcaster, type AnyEventUpcaster } from '@webnovel/events';
import { UserRegistered, UserRegisteredV2 } from './user.events.js';

/**
 * `user.registered` v1 → v2: accounts registered before v2 are readers' accounts (`standard`) that came without a
 * referral (empty). Pure, as every upcaster must be: stored v1 events are upcast again on every read.
 */
// #region user-upcasters
export const userRegisteredV1ToV2 = defineUpcaster(
  UserRegistered,
  UserRegisteredV2,
  (v1) => ({ ...v1, user_type: 'standard', referral: '' }),
  'adds user_type (standard) and referral (empty)',
);

/** Every upcaster of the user domain. */
export const userUpcasters: readonly AnyEventUpcaster[] = Object.freeze([userRegisteredV1ToV2]);
// #endregion
