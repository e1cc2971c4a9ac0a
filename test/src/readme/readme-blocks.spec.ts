import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { blockProblems, importedPackages, markedPaths, regionOf, typeScriptBlocks } from './readme-blocks.js';

const root = new URL('../../../', import.meta.url);
const read = (path: string): string | undefined => {
  const url = new URL(path, root);
  return existsSync(url) ? readFileSync(url, 'utf8') : undefined;
};
/** The Markdown files whose TypeScript blocks are checked: the root README and every lib's README, found on disk. */
const CHECKED = [
  'README.md',
  ...readdirSync(new URL('libs/', root), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(new URL(`libs/${entry.name}/README.md`, root)))
    .map((entry) => `libs/${entry.name}/README.md`)
    .sort(),
];
const SNIPPETS = 'test/src/readme/snippets/';

describe('README TypeScript blocks', () => {
  it('checks the lib READMEs too', () => {
    assert.ok(CHECKED.includes('libs/events-admin/README.md'), CHECKED.join(', '));
  });

  for (const file of CHECKED)
    it(`${file}: every block is marked and equal to its compiled source`, () => {
      const markdown = read(file)!;
      // The root README has blocks for sure; a lib README may have none, then there is nothing to check.
      if (file === 'README.md') assert.ok(typeScriptBlocks(markdown).length > 0);
      const problems = blockProblems(file, markdown, read);
      assert.deepEqual(problems, [], `${problems.length} README block problem(s):\n${problems.join('\n')}`);
    });

  it('uses every snippet file', () => {
    const used = new Set(CHECKED.flatMap((file) => [...markedPaths(read(file)!)]));
    const unused = readdirSync(new URL(SNIPPETS, root))
      .filter((name) => name.endsWith('.ts'))
      .map((name) => SNIPPETS + name)
      .filter((path) => !used.has(path));
    assert.deepEqual(unused, [], 'snippet files no README block shows: show them or delete them');
  });
});

describe('the README block check', () => {
  const files: Record<string, string> = {
    'test/src/readme/snippets/a.ts': "import { Module } from '@nestjs/common';\nexport const a = 1;\n",
    'libs/x/src/b.ts':
      "import { Redis } from 'ioredis';\nfunction f() {\n  // #region body\n  const b = new Redis();\n  // #endregion\n  return b;\n}\n",
  };
  const check = (markdown: string) => blockProblems('DOC.md', markdown, (path) => files[path]);

  it('accepts a whole-file snippet and a region with its install line', () => {
    const markdown = [
      '## A',
      '<!-- snippet: test/src/readme/snippets/a.ts -->',
      '',
      '```ts',
      "import { Module } from '@nestjs/common';",
      'export const a = 1;',
      '```',
      'Install: `npm i ioredis`',
      '<!-- excerpt: libs/x/src/b.ts#body -->',
      '```ts',
      'const b = new Redis();',
      '```',
      '```sh',
      'not checked',
      '```',
    ].join('\n');
    assert.deepEqual(check(markdown), []);
  });

  it('names a block without a marker, and says how to add one', () => {
    const [problem] = check('# A\n\n```ts\nconst x = 1;\n```\n');
    assert.match(problem!, /^DOC\.md:3: this ```ts block names no source: put the code in a compiled file/);
    assert.match(problem!, /<!-- snippet: <path> -->.*<!-- excerpt: <path>#<region> -->/);
  });

  it('names a drifted block, the first differing line and how to fix it', () => {
    const [problem] = check(
      '<!-- snippet: test/src/readme/snippets/a.ts -->\n```ts\nimport { Module } from "@nestjs/common";\nexport const a = 1;\n```\n',
    );
    assert.match(
      problem!,
      /^DOC\.md:2: the block drifted from its source \(snippet: test\/src\/readme\/snippets\/a\.ts\); line 1 of the block/,
    );
    assert.match(problem!, /Copy the file into the README/);
  });

  it('names a missing region, a missing file, an uncompiled path and a missing install line', () => {
    const problems = check(
      [
        '<!-- excerpt: libs/x/src/b.ts#nope -->',
        '```ts',
        'x',
        '```',
        '<!-- snippet: test/src/readme/snippets/gone.ts -->',
        '```ts',
        'x',
        '```',
        '<!-- snippet: libs/x/dist/b.js -->',
        '```ts',
        'x',
        '```',
        '<!-- excerpt: libs/x/src/b.ts#body -->',
        '```ts',
        'const b = new Redis();',
        '```',
      ].join('\n'),
    );
    assert.deepEqual(problems, [
      'DOC.md:2: libs/x/src/b.ts has no "// #region nope"; add the region around the code the block shows',
      'DOC.md:6: "snippet: test/src/readme/snippets/gone.ts" names test/src/readme/snippets/gone.ts, which does not exist',
      'DOC.md:10: "snippet: libs/x/dist/b.js" must name a .ts file under a project\'s src/ (test/src, libs/*/src, apps/*/src, bench/src), which tsc compiles',
      'DOC.md:14: the block needs ioredis; name it in an install line (`npm i ioredis`) of its section, above the block',
    ]);
  });

  it('reads regions dedented and without nested region comments, and imports without relative ones', () => {
    assert.equal(regionOf('  // #region a\n    x\n  // #region b\n  y\n  // #endregion\n  // #endregion\n', 'a'), '  x\ny\n');
    assert.deepEqual(
      importedPackages(
        "import a from '@scope/pkg/sub';\nimport type { B } from 'pg';\nimport './local.js';\nimport 'node:fs';\nexport { c } from 'rxjs/operators';\n",
      ),
      ['@scope/pkg', 'pg', 'rxjs'],
    );
  });
});
