import 'reflect-metadata';
import { Logger, type Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { userRegisteredV2, webNovelCatalog, webNovelUpcasters } from '@webnovel/contracts';
import { EventBus, EventsModule, EventVersioningError, UnknownEventVersionError, type EventsModuleOptions } from '@webnovel/events';
import { RecordingLogger } from '@webnovel/testing';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { LegacyWelcomeHandler, WelcomeHandler, main } from './evolving-an-event.js';

const root = new URL('../../../', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');

/** The message `init()` fails with for these options and handlers. */
async function bootstrapError(options: EventsModuleOptions, handler: Type): Promise<string> {
  const moduleRef = await Test.createTestingModule({
    imports: [EventsModule.forRoot({ logHandlers: false, ...options })],
    providers: [handler],
  })
    .setLogger(new RecordingLogger())
    .compile();
  const error = await moduleRef.init().then(
    async (app) => {
      await app.close();
      assert.fail('bootstrap should have failed');
    },
    (e: unknown) => e,
  );
  assert.ok(error instanceof EventVersioningError, `expected EventVersioningError, got ${String(error)}`);
  return error.message;
}

describe('README "Evolving an event"', () => {
  it('has a section right after "The event catalog", linked from it', () => {
    const headings = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    assert.equal(headings[headings.indexOf('The event catalog') + 1], 'Evolving an event');
    const catalog = readme.slice(readme.indexOf('## The event catalog'), readme.indexOf('## Evolving an event'));
    assert.ok(catalog.includes('(#evolving-an-event)'), 'the catalog section links to the new one');
  });

  it('runs: a v1 and a v2 publish both reach the handler as v2', async () => {
    Logger.overrideLogger(false);
    assert.deepEqual(await main(), ['lin (v2, standard, referral "")', 'mo (v2, author, referral "u-1")']);
  });

  it('quotes the bootstrap error of a missing upcaster and of a pinned older version as they are', async () => {
    const missing = await bootstrapError({ source: 'user-service', catalog: webNovelCatalog }, WelcomeHandler);
    assert.ok(readme.includes(missing), `README must quote:\n${missing}`);
    const pinned = await bootstrapError({ catalog: webNovelCatalog, upcasters: webNovelUpcasters }, LegacyWelcomeHandler);
    const problem = pinned.split('\n  - ')[1]!;
    assert.ok(readme.includes(problem), `README must quote:\n${problem}`);
  });

  it('quotes the error of publishing a version the catalog does not register', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [EventsModule.forRoot({ catalog: webNovelCatalog, upcasters: webNovelUpcasters, logHandlers: false })],
    }).compile();
    const app = await moduleRef.init();
    const v3 = {
      ...userRegisteredV2({ user_id: 'u-3', username: 'ann', email: 'ann@example.com', user_type: 'vip', referral: '' }),
      version: 3,
    };
    const error = await app
      .get(EventBus)
      .publish(v3)
      .then(
        () => assert.fail('v3 was accepted'),
        (e: unknown) => e,
      );
    await app.close();
    assert.ok(error instanceof UnknownEventVersionError);
    assert.ok(readme.includes(error.message), `README must quote:\n${error.message}`);
  });
});
