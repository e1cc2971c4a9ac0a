import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mongo } from 'mongoose';
import { isDuplicateKeyOnlyError } from './write-errors.js';

// Real driver error classes, built the way the driver builds them for an unordered insertMany.
const bulkError = (writeErrors: { code: number }[], writeConcernError?: object) =>
  new mongo.MongoBulkWriteError(
    { message: 'E11000 duplicate key error', code: writeErrors[0]?.code, writeErrors } as never,
    { getWriteConcernError: () => writeConcernError } as never,
  );

describe('isDuplicateKeyOnlyError', () => {
  it('accepts a bulk error whose every write error is a duplicate key', () => {
    assert.equal(isDuplicateKeyOnlyError(bulkError([{ code: 11000 }])), true);
    assert.equal(isDuplicateKeyOnlyError(bulkError([{ code: 11000 }, { code: 11000 }])), true);
  });

  it('accepts a single duplicate-key server error', () => {
    assert.equal(isDuplicateKeyOnlyError(new mongo.MongoServerError({ code: 11000, errmsg: 'E11000 duplicate key error' })), true);
  });

  it('rejects a duplicate mixed with another write error, so the other failure surfaces', () => {
    assert.equal(isDuplicateKeyOnlyError(bulkError([{ code: 11000 }, { code: 121 }])), false);
  });

  it('rejects duplicates that come with a write-concern error (the other writes may not be durable)', () => {
    assert.equal(isDuplicateKeyOnlyError(bulkError([{ code: 11000 }], { code: 64, errmsg: 'waiting for replication timed out' })), false);
  });

  it('rejects every other error', () => {
    assert.equal(isDuplicateKeyOnlyError(new mongo.MongoServerError({ code: 13, errmsg: 'unauthorized' })), false);
    assert.equal(isDuplicateKeyOnlyError(new Error('connection reset')), false);
    assert.equal(isDuplicateKeyOnlyError(undefined), false);
    assert.equal(isDuplicateKeyOnlyError('11000'), false);
  });
});
