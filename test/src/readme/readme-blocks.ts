// Finds the TypeScript blocks of a Markdown file and checks each against the compiled source its marker names, so the
// README never shows code that no longer compiles. Used by readme-blocks.spec.ts; the convention is in the README's
// "Development" section.

/** Where a block's code comes from: a whole file, or one `// #region <name>` of a file. */
export type BlockSource =
  { readonly kind: 'snippet'; readonly path: string } | { readonly kind: 'excerpt'; readonly path: string; readonly region: string };

/** A fenced TypeScript block: the 1-based line of its opening fence, its code, and the marker above it, if any. */
export interface CodeBlock {
  readonly line: number;
  readonly code: string;
  readonly source: BlockSource | undefined;
  /** The Markdown from the heading the block is under down to the block, where its install line must be. */
  readonly section: string;
}

const TS_FENCE = /^```(ts|typescript|tsx|mts)\s*$/;
const ANY_FENCE = /^```/;
const SNIPPET = /^<!-- snippet: (\S+) -->$/;
const EXCERPT = /^<!-- excerpt: ([^\s#]+)#([\w-]+) -->$/;
const REGION_START = /^\s*\/\/ #region ([\w-]+)\s*$/;
const REGION_END = /^\s*\/\/ #endregion\b/;
/** Source files tsc compiles: a project's `src`, TypeScript, not a declaration file. */
const COMPILED = /^(test|bench|libs\/[\w-]+|apps\/[\w-]+)\/src\/[\w./-]+(?<!\.d)\.ts$/;
/** Packages every example may use without an install line: the core, the catalog and their peers. */
export const BASE_PACKAGES: ReadonlySet<string> = new Set([
  '@nestjs/common',
  '@nestjs/core',
  '@webnovel/events',
  '@webnovel/contracts',
  'class-validator',
  'class-transformer',
  'reflect-metadata',
  'rxjs',
]);

/** Every TypeScript block, with the marker on the closest non-blank line above its fence. */
export function typeScriptBlocks(markdown: string): CodeBlock[] {
  const lines = markdown.split('\n');
  const blocks: CodeBlock[] = [];
  let heading = 0;
  for (let i = 0; i < lines.length; i++) {
    if (/^#{1,6} /.test(lines[i]!)) heading = i;
    if (!ANY_FENCE.test(lines[i]!)) continue;
    const end = lines.findIndex((l, j) => j > i && /^```\s*$/.test(l));
    if (end === -1) break;
    if (TS_FENCE.test(lines[i]!)) {
      let above = i - 1;
      while (above >= 0 && lines[above]!.trim() === '') above--;
      blocks.push({
        line: i + 1,
        code: lines.slice(i + 1, end).join('\n') + '\n',
        source: parseMarker(lines[above] ?? ''),
        section: lines.slice(heading, i).join('\n'),
      });
    }
    i = end;
  }
  return blocks;
}

function parseMarker(line: string): BlockSource | undefined {
  const snippet = SNIPPET.exec(line);
  if (snippet) return { kind: 'snippet', path: snippet[1]! };
  const excerpt = EXCERPT.exec(line);
  if (excerpt) return { kind: 'excerpt', path: excerpt[1]!, region: excerpt[2]! };
  return undefined;
}

/**
 * The lines between `// #region <name>` and its `// #endregion`, without nested region comments and without the
 * indentation they share, or undefined when the file has no such region.
 */
export function regionOf(source: string, name: string): string | undefined {
  const lines = source.split('\n');
  const start = lines.findIndex((l) => REGION_START.exec(l)?.[1] === name);
  if (start === -1) return undefined;
  const body: string[] = [];
  let depth = 0;
  for (const line of lines.slice(start + 1)) {
    if (REGION_START.test(line)) depth++;
    else if (REGION_END.test(line)) {
      if (depth-- === 0) break;
    } else body.push(line);
  }
  const indent = Math.min(...body.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length));
  return body.map((l) => l.slice(indent)).join('\n') + '\n';
}

/** The packages a source file imports (relative and `node:` imports left out). */
export function importedPackages(source: string): string[] {
  // Import and re-export statements only: `import x from 'p'`, `import { a,\n b } from 'p'`, `import 'p'`.
  const statement = /^(?:import|export)\s+(?:type\s+)?(?:[\w$*\s{},]*?\s*from\s*)?['"]([^'"]+)['"]/gm;
  const specifiers = [...source.matchAll(statement)].map((m) => m[1]!);
  const packages = specifiers
    .filter((s) => !s.startsWith('.') && !s.startsWith('node:'))
    .map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!));
  return [...new Set(packages)];
}

/** The packages the section's install lines (`npm i a b`) name. */
export function installedBy(section: string): Set<string> {
  const names = [...section.matchAll(/npm (?:i|install) ([^`\n]+)/g)].flatMap((m) => m[1]!.trim().split(/\s+/));
  return new Set(names.filter((n) => !n.startsWith('-')));
}

/** First differing line of two texts, to point at the drift. */
function firstDifference(a: string, b: string): string {
  const left = a.split('\n');
  const right = b.split('\n');
  for (let i = 0; i < Math.max(left.length, right.length); i++)
    if (left[i] !== right[i])
      return `line ${i + 1} of the block: README has ${JSON.stringify(left[i] ?? '(end)')}, source has ${JSON.stringify(right[i] ?? '(end)')}`;
  return 'they differ only in the final newline';
}

const HOW_TO_MARK =
  'put the code in a compiled file (test/src/readme/snippets/<name>.ts, or a region of an existing source file) and ' +
  'precede the block with <!-- snippet: <path> --> (the whole file) or <!-- excerpt: <path>#<region> --> (the lines between ' +
  '// #region <region> and // #endregion)';

/**
 * What is wrong with the TypeScript blocks of one Markdown file: a block with no marker, a marker naming a file or
 * region that is not there or not compiled, a block that drifted from its source, and an optional package the block
 * needs that no install line of its section names. `read` returns a file's text, or undefined when it does not exist.
 */
export function blockProblems(file: string, markdown: string, read: (path: string) => string | undefined): string[] {
  const problems: string[] = [];
  for (const block of typeScriptBlocks(markdown)) {
    const at = `${file}:${block.line}`;
    const { source } = block;
    if (source === undefined) {
      problems.push(`${at}: this \`\`\`ts block names no source: ${HOW_TO_MARK}`);
      continue;
    }
    const marker = source.kind === 'snippet' ? `snippet: ${source.path}` : `excerpt: ${source.path}#${source.region}`;
    if (!COMPILED.test(source.path)) {
      problems.push(
        `${at}: "${marker}" must name a .ts file under a project's src/ (test/src, libs/*/src, apps/*/src, bench/src), which tsc compiles`,
      );
      continue;
    }
    const text = read(source.path);
    if (text === undefined) {
      problems.push(`${at}: "${marker}" names ${source.path}, which does not exist`);
      continue;
    }
    const expected = source.kind === 'snippet' ? text : regionOf(text, source.region);
    if (expected === undefined) {
      problems.push(
        `${at}: ${source.path} has no "// #region ${source.kind === 'excerpt' ? source.region : ''}"; add the region around the code the block shows`,
      );
      continue;
    }
    if (block.code !== expected)
      problems.push(
        `${at}: the block drifted from its source (${marker}); ${firstDifference(block.code, expected)}. Copy the ` +
          `${source.kind === 'snippet' ? 'file' : 'region'} into the README (or the block into the source, then build and run its tests)`,
      );
    const installed = installedBy(block.section);
    const missing = importedPackages(text).filter((p) => !BASE_PACKAGES.has(p) && !installed.has(p));
    if (missing.length > 0)
      problems.push(
        `${at}: the block needs ${missing.join(', ')}; name ${missing.length > 1 ? 'them' : 'it'} in an install line (\`npm i ${missing.join(' ')}\`) of its section, above the block`,
      );
  }
  return problems;
}

/** The markers of a Markdown file, for finding snippet files no block uses. */
export function markedPaths(markdown: string): Set<string> {
  return new Set(typeScriptBlocks(markdown).flatMap((b) => (b.source ? [b.source.path] : [])));
}
