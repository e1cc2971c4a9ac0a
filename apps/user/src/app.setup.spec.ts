import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nestLogLevels } from './app.setup.js';

describe('nestLogLevels', () => {
  it("gives Nest the levels pino keeps, so the bus's debug lines are skipped unless pino would print them", () => {
    assert.deepEqual(nestLogLevels('info'), ['fatal', 'error', 'warn', 'log']);
    assert.deepEqual(nestLogLevels('debug'), ['fatal', 'error', 'warn', 'log', 'debug']);
    assert.deepEqual(nestLogLevels('trace'), ['fatal', 'error', 'warn', 'log', 'debug', 'verbose']);
    assert.deepEqual(nestLogLevels('fatal'), ['fatal']);
    assert.deepEqual(nestLogLevels('silent'), []);
  });
});
