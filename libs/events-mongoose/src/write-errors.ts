import { DUPLICATE_KEY_ERROR_CODE } from './events-mongoose.constants.js';

interface BulkWriteErrorShape {
  code?: unknown;
  writeErrors?: unknown;
  result?: { getWriteConcernError?: () => unknown };
}

/**
 * Whether a write failed only because some ids were already stored: a `MongoBulkWriteError` whose every write error
 * is a duplicate key (11000) and that carries no write-concern error, or a single duplicate-key server error. That is
 * the idempotent re-append the port promises; anything else (a network error, a write concern that was not met, a
 * validation error, a duplicate mixed with another failure) is a real failure and must reach the caller.
 */
export function isDuplicateKeyOnlyError(error: unknown): boolean {
  if (error === null || typeof error !== 'object') return false;
  const e = error as BulkWriteErrorShape;
  if (typeof e.result?.getWriteConcernError === 'function' && e.result.getWriteConcernError()) return false;
  if (Array.isArray(e.writeErrors) && e.writeErrors.length > 0) {
    return e.writeErrors.every((w: unknown) => (w as { code?: unknown } | null)?.code === DUPLICATE_KEY_ERROR_CODE);
  }
  return e.code === DUPLICATE_KEY_ERROR_CODE;
}
