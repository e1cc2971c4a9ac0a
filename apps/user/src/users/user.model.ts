/** A stored account. `passwordHash` never leaves the service. */
export interface User {
  readonly id: string;
  readonly username: string;
  /** Lower-cased, so lookups and the uniqueness check ignore case. */
  readonly email: string;
  readonly passwordHash: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** Set by deletion. Deleted accounts stay for audit, but no route but the read-only history ones finds them. */
  readonly deletedAt: Date | null;
}

/** The public view of a user, as the HTTP API returns it. */
export interface UserView {
  readonly id: string;
  readonly username: string;
  readonly email: string;
}

/** Strips the private fields of a user. */
export function toUserView(user: User): UserView {
  return { id: user.id, username: user.username, email: user.email };
}
