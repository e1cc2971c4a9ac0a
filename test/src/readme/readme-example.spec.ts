import 'reflect-metadata';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Logger } from '@nestjs/common';
import { main } from './readme-example.js';

// That the README shows this file as it is, is checked with every other block by readme-blocks.spec.ts.
test('the README usage example runs and its handler sees the purchase', async () => {
  Logger.overrideLogger(false);
  assert.equal(await main(), 1399);
});
