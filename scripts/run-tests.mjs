#!/usr/bin/env node
// Runs the compiled test files with Node's test runner and ends with the plain line `N passed, N failed`.
// Unit specs (*.spec.js) run in parallel; e2e specs (*.e2e-spec.js) touch shared services and run one file at a time.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const roots = ['libs', 'apps', 'test', 'bench'];

function findCompiled(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) findCompiled(path, out);
    else if (path.includes('/dist/') && (name.endsWith('.spec.js') || name.endsWith('.e2e-spec.js'))) out.push(path);
  }
  return out;
}

const files = roots.flatMap((r) => findCompiled(join(root, r))).sort();
const groups = [
  { name: 'unit', files: files.filter((f) => f.endsWith('.spec.js') && !f.endsWith('.e2e-spec.js')), concurrency: 2 },
  { name: 'e2e', files: files.filter((f) => f.endsWith('.e2e-spec.js')), concurrency: 1 },
].filter((g) => !only || g.name === only);

mkdirSync(join(root, '.test-results'), { recursive: true });
let passed = 0;
let failed = 0;
let skipped = 0;
let status = 0;
for (const group of groups) {
  if (group.files.length === 0) continue;
  const tap = join(root, '.test-results', `${group.name}.tap`);
  console.log(`\n== ${group.name}: ${group.files.length} files`);
  const result = spawnSync(
    process.execPath,
    [
      '--enable-source-maps',
      '--test',
      `--test-concurrency=${group.concurrency}`,
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      ...group.files.map((f) => relative(root, f)),
    ],
    { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
  );
  const summary = readFileSync(tap, 'utf8');
  const count = (key) => Number((summary.match(new RegExp(`^# ${key} (\\d+)$`, 'm')) ?? [])[1] ?? 0);
  passed += count('pass');
  failed += count('fail') + count('cancelled');
  skipped += count('skipped') + count('todo');
  if (result.status !== 0) status = result.status ?? 1;
}
if (status !== 0 && failed === 0) failed = 1; // the runner failed outside any test (for example a file that did not load)
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(status === 0 && failed === 0 ? 0 : 1);
