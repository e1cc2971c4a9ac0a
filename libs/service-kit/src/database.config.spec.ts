import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readDatabaseConfig } from './database.config.js';
import { openDatabase } from './database.factory.js';
import { InvalidDatabaseConfigError } from './errors/invalid-database-config.error.js';

const read = (env: NodeJS.ProcessEnv) => {
  const problems: string[] = [];
  return { config: readDatabaseConfig(env, problems), problems };
};

describe('readDatabaseConfig', () => {
  it('runs on the embedded database in memory without DATABASE_URL, or in PGLITE_DATA_DIR', () => {
    assert.deepEqual(read({}), { config: { kind: 'embedded' }, problems: [] });
    assert.deepEqual(read({ DATABASE_URL: '', PGLITE_DATA_DIR: '' }), { config: { kind: 'embedded' }, problems: [] });
    assert.deepEqual(read({ PGLITE_DATA_DIR: '.data/user' }), { config: { kind: 'embedded', dataDir: '.data/user' }, problems: [] });
  });

  it('runs on the server with a postgres:// or postgresql:// DATABASE_URL', () => {
    for (const url of ['postgres://postgres@127.0.0.1:5432/test', 'postgresql://u:p@db/app']) {
      assert.deepEqual(read({ DATABASE_URL: url }), { config: { kind: 'server', url }, problems: [] });
    }
  });

  it('names each variable it cannot use, and never echoes the URL', () => {
    const secret = 'mysql://admin:s3cret@db:3306/app';
    const { problems } = read({ DATABASE_URL: secret, PGLITE_DATA_DIR: '/var/lib/app' });
    assert.deepEqual(problems, [
      'DATABASE_URL must start with postgres:// or postgresql://, such as postgres://postgres@127.0.0.1:5432/app',
      'PGLITE_DATA_DIR is for the embedded database only, which DATABASE_URL replaces; unset one of them',
    ]);
    assert.ok(problems.every((p) => !p.includes('s3cret')));
  });

  it('openDatabase throws a typed error before opening anything', async () => {
    await assert.rejects(openDatabase({ DATABASE_URL: 'http://x:s3cret@db' }), (error: unknown) => {
      assert.ok(error instanceof InvalidDatabaseConfigError);
      assert.equal(error.name, 'InvalidDatabaseConfigError');
      assert.match(error.message, /^The database environment is invalid:\n {2}- DATABASE_URL must start with postgres:\/\//);
      assert.ok(!error.message.includes('s3cret'));
      return true;
    });
  });
});
