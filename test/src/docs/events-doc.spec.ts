import 'reflect-metadata';
import { webNovelCatalog, webNovelUpcasters } from '@webnovel/contracts';
import { renderCatalogMarkdown } from '@webnovel/events';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

// From test/dist/docs/ back to the repository root.
const DOC = new URL('../../../docs/events.md', import.meta.url);
const FIX = 'Run `npm run docs:events` and commit docs/events.md.';

/** The committed file, or a failure saying how to make it. */
function committed(): string {
  assert.ok(existsSync(DOC), `docs/events.md is missing. ${FIX}`);
  return readFileSync(DOC, 'utf8');
}

/** The lines of one type's section, from its heading to the next type's. */
function sectionOf(markdown: string, type: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.indexOf(`### \`${type}\``);
  assert.ok(start >= 0, `docs/events.md has no section for ${type}`);
  const end = lines.findIndex((line, i) => i > start && line.startsWith('<a id="'));
  return lines.slice(start, end === -1 ? undefined : end);
}

describe('docs/events.md', () => {
  it('matches the event catalog and its upcasters byte for byte', () => {
    const doc = committed();
    const rendered = renderCatalogMarkdown(webNovelCatalog, { upcasters: webNovelUpcasters });
    if (doc === rendered) return;
    const a = doc.split('\n');
    const b = rendered.split('\n');
    const line = a.findIndex((text, i) => text !== b[i]);
    const at = line === -1 ? b.length : line;
    assert.fail(
      `docs/events.md is stale: it differs from the catalog at line ${at + 1}.\n` +
        `  committed: ${JSON.stringify(a[at] ?? '<end of file>')}\n` +
        `  catalog:   ${JSON.stringify(b[at] ?? '<end of file>')}\n${FIX}`,
    );
  });

  it('shows both versions of user.registered and the upcaster between them', () => {
    const section = sectionOf(committed(), 'user.registered');
    assert.ok(section.includes('- v1 → v2: adds user_type (standard) and referral (empty)'), section.join('\n'));
    const v2 = section.indexOf('#### Version 2 (latest)');
    const v1 = section.indexOf('#### Version 1');
    assert.ok(v2 > 0 && v1 > v2, 'v2 then v1');
    assert.ok(section.slice(v2, v1).some((line) => line.startsWith('| `user_type` |')));
    assert.ok(!section.slice(v1).some((line) => line.startsWith('| `user_type` |')), 'v1 keeps its own fields');
  });

  it('leaves no step between two versions without an upcaster', () => {
    assert.ok(!committed().includes('**no upcaster**'), 'a version cannot reach the next: add its upcaster to webNovelUpcasters');
  });
});
