import 'reflect-metadata';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Logger } from '@nestjs/common';
import { main } from './readme-example.js';

const root = new URL('../../../', import.meta.url);

test('the README usage example is this fixture, byte for byte', () => {
  const readme = readFileSync(new URL('README.md', root), 'utf8');
  const block = /<!-- usage-example: test\/src\/readme\/readme-example\.ts -->\n+```ts\n([\s\S]*?)```/.exec(readme);
  assert.ok(block, 'README.md must contain the usage-example block');
  const fixture = readFileSync(new URL('test/src/readme/readme-example.ts', root), 'utf8');
  assert.equal(block[1], fixture, 'README usage example and test/src/readme/readme-example.ts drifted apart: copy one into the other');
});

test('the README usage example runs and its handler sees the purchase', async () => {
  Logger.overrideLogger(false);
  assert.equal(await main(), 1399);
});
