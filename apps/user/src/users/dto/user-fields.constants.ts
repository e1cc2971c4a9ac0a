/** Lower-case letters, digits and `_`, 3 to 32 characters: safe in URLs, mentions and e-mail greetings. */
export const USERNAME_PATTERN = /^[a-z0-9_]{3,32}$/;

/** The message of a username that does not match {@link USERNAME_PATTERN}. */
export const USERNAME_MESSAGE = 'username must be 3 to 32 characters of a-z, 0-9 and _';

/** Passwords shorter than this are refused. */
export const PASSWORD_MIN_LENGTH = 8;

/** Bounds the scrypt input, so a huge body cannot make hashing a denial-of-service lever. */
export const PASSWORD_MAX_LENGTH = 256;

/** Accepts mixed case, stores lower case: `Ann@Example.com` and `ann@example.com` are one account. */
export const normalizeEmail = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim().toLowerCase() : value);
