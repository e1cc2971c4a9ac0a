import type { User } from './user.model.js';

/** Injection token of the {@link UserRepository}. */
export const USER_REPOSITORY = Symbol('USER_REPOSITORY');

/** Another active account already uses this e-mail address. */
export class EmailTakenError extends Error {
  override readonly name = 'EmailTakenError';

  constructor(readonly email: string) {
    super(`The e-mail address "${email}" is already registered; log in instead or use another address.`);
  }
}

/**
 * The account store. Implementations enforce e-mail uniqueness among active accounts themselves (a unique
 * index, not a read-then-write in the service), so two concurrent registrations cannot both win.
 */
export interface UserRepository {
  /** @throws EmailTakenError when an active account has the same e-mail */
  create(user: User): Promise<void>;
  /** The account with this id, deleted or not. */
  findById(id: string): Promise<User | undefined>;
  /** The active account with this (lower-cased) e-mail. */
  findActiveByEmail(email: string): Promise<User | undefined>;
  /**
   * Replaces a stored account. Releases the e-mail of an account that becomes deleted.
   * @throws EmailTakenError when the new e-mail belongs to another active account
   */
  update(user: User): Promise<void>;
}
