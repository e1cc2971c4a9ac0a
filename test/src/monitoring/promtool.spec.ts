import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { PROMETHEUS_EXAMPLE, ROOT, RULES_FILE, RULES_TEST_FILE, parseRules, readRepoFile } from './monitoring-files.js';

// promtool is required, not optional: a rule file that only parses in our heads is worse than none. CI installs it
// (.ci/run); locally, install it the same way or point PROMTOOL at a binary from a Prometheus release.
const INSTALL =
  'promtool is not installed, so the Prometheus rules cannot be checked. It ships in Debian/Ubuntu\'s "prometheus" ' +
  'package: `sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends prometheus` (.ci/run ' +
  'installs it that way, without starting the daemon), or take it from a release at ' +
  'https://prometheus.io/download/ and set PROMTOOL=/path/to/promtool.';

function promtool(...args: string[]): string {
  const bin = process.env.PROMTOOL || 'promtool';
  const run = spawnSync(bin, args, { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  if ((run.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') assert.fail(`${INSTALL} (looked for "${bin}")`);
  if (run.error) throw run.error;
  const output = `${run.stdout}${run.stderr}`.trim();
  assert.equal(run.status, 0, `\`promtool ${args.join(' ')}\` exited with ${run.status ?? run.signal}:\n${output}`);
  return output;
}

describe('Prometheus rules (promtool)', () => {
  it('promtool check rules accepts events-alerts.yml', () => {
    const output = promtool('check', 'rules', RULES_FILE);
    const found = /SUCCESS: (\d+) rules found/.exec(output);
    assert.ok(found, `unexpected promtool output:\n${output}`);
    assert.equal(Number(found[1]), parseRules(readRepoFile(RULES_FILE)).length, 'promtool and this test count different rules');
  });

  it('promtool test rules passes events-alerts.test.yml', () => {
    const output = promtool('test', 'rules', RULES_TEST_FILE);
    assert.match(output, /SUCCESS/, output);
  });

  it('promtool check config accepts prometheus.example.yml and the rule file it loads', () => {
    const output = promtool('check', 'config', PROMETHEUS_EXAMPLE);
    assert.match(output, /SUCCESS: 1 rule files found/, output);
  });

  it('the rule unit tests fire and silence every alert', () => {
    const alerts = parseRules(readRepoFile(RULES_FILE)).filter((rule) => rule.kind === 'alert');
    assert.ok(alerts.length >= 5, `found only ${alerts.length} alerts in ${RULES_FILE}`);
    const cases = readRepoFile(RULES_TEST_FILE)
      .split(/^\s*- eval_time:/m)
      .slice(1);
    const covered = new Map<string, { fires: number; silent: number }>();
    for (const text of cases) {
      const name = /^\s*alertname:\s*(\S+)/m.exec(text)?.[1];
      if (!name) continue;
      const count = covered.get(name) ?? { fires: 0, silent: 0 };
      if (/exp_alerts:\s*\[\]/.test(text)) count.silent += 1;
      else if (/exp_alerts:\s*\n\s*- exp_labels:/.test(text)) count.fires += 1;
      covered.set(name, count);
    }
    for (const { name } of alerts) {
      const count = covered.get(name) ?? { fires: 0, silent: 0 };
      assert.ok(count.fires > 0, `${RULES_TEST_FILE} has no case in which ${name} fires`);
      assert.ok(count.silent > 0, `${RULES_TEST_FILE} has no case in which ${name} stays silent`);
    }
    for (const name of covered.keys()) {
      assert.ok(
        alerts.some((alert) => alert.name === name),
        `${RULES_TEST_FILE} tests ${name}, which ${RULES_FILE} does not define`,
      );
    }
  });
});
