import 'reflect-metadata';
import { webNovelCatalog } from '@webnovel/contracts';
import { renderCatalogMarkdown } from '@webnovel/events';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

// From test/dist/docs/ back to the repository root.
const DOC = new URL('../../../docs/events.md', import.meta.url);
const FIX = 'Run `npm run docs:events` and commit docs/events.md.';

describe('docs/events.md', () => {
  it('matches the event catalog byte for byte', () => {
    assert.ok(existsSync(DOC), `docs/events.md is missing. ${FIX}`);
    const committed = readFileSync(DOC, 'utf8');
    const rendered = renderCatalogMarkdown(webNovelCatalog);
    if (committed === rendered) return;
    const a = committed.split('\n');
    const b = rendered.split('\n');
    const line = a.findIndex((text, i) => text !== b[i]);
    const at = line === -1 ? b.length : line;
    assert.fail(
      `docs/events.md is stale: it differs from the catalog at line ${at + 1}.\n` +
        `  committed: ${JSON.stringify(a[at] ?? '<end of file>')}\n` +
        `  catalog:   ${JSON.stringify(b[at] ?? '<end of file>')}\n${FIX}`,
    );
  });
});
