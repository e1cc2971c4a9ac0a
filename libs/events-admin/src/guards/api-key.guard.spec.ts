import 'reflect-metadata';
import { UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidEventsAdminOptionsError } from '../errors/invalid-events-admin-options.error.js';
import { ApiKeyGuard } from './api-key.guard.js';

const KEY = 'current-key-0123456789';
const NEXT = 'next-key-abcdefghijklmnop';

const contextWith = (headers: Record<string, string | string[]>): ExecutionContext =>
  ({ switchToHttp: () => ({ getRequest: () => ({ headers }) }) }) as unknown as ExecutionContext;

const unauthorized = (guard: ApiKeyGuard, headers: Record<string, string | string[]>): string => {
  try {
    guard.canActivate(contextWith(headers));
  } catch (error) {
    assert.ok(error instanceof UnauthorizedException);
    return String((error.getResponse() as { message: string }).message);
  }
  assert.fail('expected UnauthorizedException');
};

describe('ApiKeyGuard', () => {
  it('lets in any of the accepted keys, so keys can be rotated', () => {
    const guard = new ApiKeyGuard({ apiKeys: [KEY, NEXT] });
    assert.equal(guard.canActivate(contextWith({ 'x-api-key': KEY })), true);
    assert.equal(guard.canActivate(contextWith({ 'x-api-key': NEXT })), true);
  });

  it('answers 401 to a missing, empty, wrong, prefixed, extended or repeated key, without echoing it', () => {
    const guard = new ApiKeyGuard({ apiKeys: KEY });
    assert.equal(unauthorized(guard, {}), 'Missing API key: send it in the "x-api-key" header');
    assert.equal(unauthorized(guard, { 'x-api-key': '' }), 'Missing API key: send it in the "x-api-key" header');
    for (const wrong of ['nope', KEY.slice(0, -1), `${KEY}x`, KEY.toUpperCase(), `${KEY}, ${KEY}`]) {
      const message = unauthorized(guard, { 'x-api-key': wrong });
      assert.equal(message, 'Invalid API key in the "x-api-key" header; send one of the keys the admin API is configured with');
    }
    assert.match(unauthorized(guard, { 'x-api-key': [KEY, KEY] }), /^Invalid API key/);
    assert.match(unauthorized(guard, { authorization: KEY }), /^Missing API key/);
  });

  it('reads the configured header, whatever its case', () => {
    const guard = new ApiKeyGuard({ apiKeys: KEY, apiKeyHeader: 'X-Ops-Key' });
    assert.equal(guard.canActivate(contextWith({ 'x-ops-key': KEY })), true);
    assert.equal(unauthorized(guard, { 'x-api-key': KEY }), 'Missing API key: send it in the "x-ops-key" header');
  });

  it('refuses unusable keys when constructed, without showing them', () => {
    assert.throws(
      () => new ApiKeyGuard({ apiKeys: ['short', ''], apiKeyHeader: 'bad header' }),
      (error: unknown) => {
        assert.ok(error instanceof InvalidEventsAdminOptionsError);
        assert.equal(error.owner, 'ApiKeyGuard');
        assert.equal(error.problems.length, 3);
        assert.match(error.message, /^ApiKeyGuard options are invalid \(3 problems\):/);
        assert.ok(!error.message.includes('short'));
        return true;
      },
    );
    assert.throws(() => new ApiKeyGuard({} as never), /ApiKeyGuard options are invalid \(1 problem\):\n {2}- apiKeys is required/);
  });
});
