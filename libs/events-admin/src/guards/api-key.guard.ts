import { UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { DEFAULT_API_KEY_HEADER } from '../events-admin.constants.js';
import { invalidApiKeyMessage, missingApiKeyMessage } from '../events-admin.messages.js';
import { apiKeyProblems, toKeyList } from '../events-admin.options.js';
import { InvalidEventsAdminOptionsError } from '../errors/invalid-events-admin-options.error.js';

/** Options of `ApiKeyGuard`: the same `apiKeys` and `apiKeyHeader` as the module's. */
export interface ApiKeyGuardOptions {
  /** Accepted keys, each at least 16 printable ASCII characters. */
  readonly apiKeys: string | readonly string[];
  /** @default 'x-api-key' */
  readonly apiKeyHeader?: string;
}

const sha256 = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * Lets a request in when its API-key header holds one of the accepted keys; answers 401 otherwise. The admin module
 * builds one from its options; construct your own to protect other routes the same way.
 *
 * Both sides are hashed with SHA-256 before `timingSafeEqual`, so the comparison takes the same time whatever the
 * presented key's length or content, and every accepted key is compared, so timing does not reveal which one matched.
 *
 * @example
 * ```ts
 * @UseGuards(new ApiKeyGuard({ apiKeys: process.env.OPS_KEYS!.split(',') }))
 * ```
 */
export class ApiKeyGuard implements CanActivate {
  private readonly digests: readonly Buffer[];
  private readonly header: string;

  /** @throws InvalidEventsAdminOptionsError listing every problem of the keys or header name */
  constructor(options: ApiKeyGuardOptions) {
    const problems = apiKeyProblems(options?.apiKeys, options?.apiKeyHeader);
    if (options?.apiKeys === undefined) problems.unshift('apiKeys is required');
    if (problems.length > 0) throw new InvalidEventsAdminOptionsError(problems, 'ApiKeyGuard');
    // Only digests are kept, so the keys themselves cannot end up in a heap dump of this object or a log of it.
    this.digests = toKeyList(options.apiKeys).map(sha256);
    this.header = (options.apiKeyHeader ?? DEFAULT_API_KEY_HEADER).toLowerCase();
  }

  /** @throws UnauthorizedException when the key is missing or not accepted */
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<{ headers?: Record<string, string | string[] | undefined> }>();
    const presented = request.headers?.[this.header];
    if (presented === undefined || presented === '') throw new UnauthorizedException(missingApiKeyMessage(this.header));
    // Node joins repeated headers into one string; an array only comes from adapters that keep them apart. Either way
    // it is not one key.
    if (typeof presented !== 'string' || !this.accepts(presented)) throw new UnauthorizedException(invalidApiKeyMessage(this.header));
    return true;
  }

  private accepts(presented: string): boolean {
    const digest = sha256(presented);
    let accepted = false;
    // No early exit: every key is compared on every request.
    for (const key of this.digests) accepted = timingSafeEqual(digest, key) || accepted;
    return accepted;
  }
}
