// Every user-facing message of this lib lives here so the wording stays consistent and says how to fix the problem.
// None of them may include an API key, whether configured or presented: messages end up in logs and HTTP bodies.

import { describeValue, describeType } from '@webnovel/events/internal';
export const pathFromFactoryProblem = (): string =>
  'path was returned by the forRootAsync factory, but routes are mounted before the factory runs; ' +
  'pass it to forRootAsync({ path, useFactory }) itself';

export const pathProblem = (value: unknown, max: number): string =>
  `path must be a route prefix of at most ${max} characters made of URL-safe segments (letters, digits, "-", "_", "." and "~") ` +
  `separated by "/", such as "admin/events", without parameters, wildcards or empty segments; got ${describeValue(value)}`;

export const apiKeysTypeProblem = (value: unknown): string => `apiKeys must be a string or an array of strings, got ${describeType(value)}`;

export const apiKeysEmptyListProblem = (): string =>
  'apiKeys must hold at least one key; to leave the admin API disabled, omit apiKeys rather than passing []';

export const apiKeyNotStringProblem = (label: string, value: unknown): string => `${label} must be a string, got ${describeType(value)}`;

export const apiKeyEmptyProblem = (label: string): string =>
  `${label} is empty (an unset environment variable?); set it to a random key, or drop it from apiKeys`;

export const apiKeyTooShortProblem = (label: string, length: number, min: number): string =>
  `${label} is ${length} character${length === 1 ? '' : 's'} long; use at least ${min} random characters, ` +
  'such as the output of `openssl rand -hex 32`';

export const apiKeyCharactersProblem = (label: string): string =>
  `${label} must be printable ASCII without leading or trailing spaces: HTTP trims header values and mangles other characters, ` +
  'so such a key could never match';

export const apiKeyHeaderProblem = (value: unknown): string =>
  `apiKeyHeader must be an HTTP header name (letters, digits and "-"), such as "x-api-key", got ${describeValue(value)}`;

export const guardProblem = (value: unknown): string =>
  `guard must be a guard class (a class with a canActivate() method, such as \`class AdminGuard implements CanActivate\`), ` +
  `got ${describeValue(value)}`;

export const guardAndApiKeysProblem = (): string =>
  'pass either apiKeys or guard, not both: the admin API authenticates one way, and a guard silently overriding keys ' +
  'would hide which one protects it. To require a key as well, check it inside your guard';

export const adminDisabledWarning = (method: 'forRoot' | 'forRootAsync', path: string): string =>
  method === 'forRoot'
    ? 'The events admin API is disabled: EventsAdminModule.forRoot() got neither apiKeys nor guard, so its routes are not mounted. ' +
      'Pass apiKeys (keys of at least 16 random characters; several allow rotation) or guard (your own CanActivate class) to enable it.'
    : `The events admin API is disabled: the EventsAdminModule.forRootAsync() options have neither apiKeys nor guard, so every route ` +
      `under /${path} answers 404. Return apiKeys (keys of at least 16 random characters; several allow rotation) or guard ` +
      '(your own CanActivate class) from the factory to enable it.';

export const adminEnabledLog = (path: string, access: string): string => `Events admin API under /${path}, ${access}`;

export const apiKeyAccessDescription = (header: string, keys: number): string =>
  `authenticated by API key in the "${header}" header (${keys} key${keys === 1 ? '' : 's'} accepted)`;

export const guardAccessDescription = (guard: string): string => `authenticated by ${guard}`;

export const missingApiKeyMessage = (header: string): string => `Missing API key: send it in the "${header}" header`;

export const invalidApiKeyMessage = (header: string): string =>
  `Invalid API key in the "${header}" header; send one of the keys the admin API is configured with`;

export const deadLetterNotFoundMessage = (id: string): string =>
  `No dead letter "${id}": it was reprocessed or deleted, or never existed. List the current ones with GET dead-letters`;

export const idFieldMessage = (): string => 'id must be a dead-letter id "<event id>.<handler name>", as listed by GET dead-letters';

export const eventTypeFieldMessage = (): string =>
  'eventType must be an event type: dot-separated lower-case segments of letters, digits and "_", such as "user.registered"';

export const handlerFieldMessage = (): string =>
  'handler must be a handler name of 1 to 200 letters, digits, ".", "_" and "-", such as "Billing.charge"';

export const dateFieldMessage = (field: 'from' | 'to'): string => `${field} must be an ISO-8601 date-time such as "2024-05-01T12:00:00Z"`;

export const limitFieldMessage = (max: number): string => `limit must be an integer from 1 to ${max}`;

export const minutesFieldMessage = (max: number): string =>
  `minutes must be an integer from 1 to ${max}, and at most the EventsModule's summaryWindowMinutes`;

export const offsetFieldMessage = (): string => 'offset must be an integer of at least 0';

export const emptySelectionMessage = (): string =>
  'select dead letters with at least one of eventType, handler, from and to, or send all: true to select every one; ' +
  'an empty selection is refused so that a request cannot act on every dead letter by accident';

export const allNotTrueMessage = (): string => 'all must be true when sent; leave it out to select by eventType, handler, from or to';

export const allWithFiltersMessage = (): string =>
  'all: true selects every dead letter and cannot be combined with eventType, handler, from or to; send one or the other';
