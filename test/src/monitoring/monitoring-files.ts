// Readers for the files under monitoring/: the Prometheus rule file (a small reader for its own layout, so the test
// workspace needs no YAML dependency), the Grafana dashboard, and the metric and label names a PromQL query uses.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, from test/dist/monitoring/. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const RULES_FILE = 'monitoring/prometheus/events-alerts.yml';
export const RULES_TEST_FILE = 'monitoring/prometheus/events-alerts.test.yml';
export const PROMETHEUS_EXAMPLE = 'monitoring/prometheus/prometheus.example.yml';
export const DASHBOARD_FILE = 'monitoring/grafana/events-dashboard.json';
export const MONITORING_README = 'monitoring/README.md';

export function readRepoFile(path: string): string {
  return readFileSync(join(ROOT, path), 'utf8');
}

/** One alerting or recording rule of the rule file. */
export interface Rule {
  kind: 'alert' | 'record';
  name: string;
  expr: string;
  /** The rule's own text, from its `- alert:`/`- record:` line to the next rule or group. */
  text: string;
}

/**
 * The rules of a Prometheus rule file written as this repository writes them: one `- alert: X` or `- record: X` line
 * per rule, and `expr:` either on one line (plain or quoted) or as a `|`/`>` block scalar.
 */
export function parseRules(yaml: string): Rule[] {
  const lines = yaml.split('\n');
  const rules: Rule[] = [];
  let current: { kind: 'alert' | 'record'; name: string; start: number } | undefined;
  const close = (end: number) => {
    if (!current) return;
    const body = lines.slice(current.start, end);
    rules.push({ kind: current.kind, name: current.name, expr: blockValue(body, 'expr'), text: body.join('\n') });
    current = undefined;
  };
  lines.forEach((line, i) => {
    const rule = /^\s*- (alert|record):\s*(\S+)\s*$/.exec(line);
    if (rule) {
      close(i);
      current = { kind: rule[1] as 'alert' | 'record', name: rule[2], start: i };
    } else if (/^\s*- name:/.test(line)) close(i);
  });
  close(lines.length);
  return rules;
}

/** The value of `key:` in a rule's lines: a one-line scalar, or the lines of a block scalar under it. */
function blockValue(lines: string[], key: string): string {
  const at = lines.findIndex((line) => new RegExp(`^\\s*${key}:`).test(line));
  if (at === -1) return '';
  const match = new RegExp(`^(\\s*)${key}:\\s*(.*)$`).exec(lines[at])!;
  const indent = match[1].length;
  const inline = match[2].trim();
  if (!/^[|>][-+]?$/.test(inline)) return unquote(inline);
  const block: string[] = [];
  for (const line of lines.slice(at + 1)) {
    if (line.trim() !== '' && line.length - line.trimStart().length <= indent) break;
    block.push(line.trim());
  }
  return block.join('\n').trim();
}

function unquote(value: string): string {
  if (value.startsWith("'") && value.endsWith("'")) return value.slice(1, -1).replaceAll("''", "'");
  if (value.startsWith('"') && value.endsWith('"')) return JSON.parse(value) as string;
  return value;
}

// PromQL words that look like identifiers but are not metric names. Functions and aggregations are recognised by the
// `(` that follows them; these are the ones that can stand without one.
const PROMQL_WORDS = new Set([
  'and',
  'or',
  'unless',
  'bool',
  'offset',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'inf',
  'nan',
  'atan2',
  'start',
  'end',
  'sum',
  'min',
  'max',
  'avg',
  'group',
  'stddev',
  'stdvar',
  'count',
  'count_values',
  'bottomk',
  'topk',
  'quantile',
]);
const GROUPING = /\b(?:by|without|on|ignoring|group_left|group_right)\s*\(([^)]*)\)/g;
const STRING = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g;

/**
 * The metric names a PromQL query reads, as written (histogram suffixes included): identifiers outside strings,
 * label matchers, ranges and grouping clauses that are not followed by `(` (functions) and are not PromQL keywords;
 * plus the names of a `{__name__=~"a|b"}` selector.
 */
export function metricNamesIn(expr: string): string[] {
  const names = new Set<string>();
  for (const m of expr.matchAll(/__name__\s*=~?\s*"([^"]*)"/g)) for (const name of m[1].split('|')) names.add(name.trim());
  const bare = expr
    .replace(STRING, '""')
    .replace(/#.*$/gm, '')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(GROUPING, ' ');
  for (const m of bare.matchAll(/(?<![\w:.$])[a-zA-Z_:][\w:]*(?![\w:]|\s*\()/g)) {
    if (!PROMQL_WORDS.has(m[0].toLowerCase())) names.add(m[0]);
  }
  return [...names];
}

/** The label names a PromQL query matches on or groups by (`__name__` aside). */
export function labelNamesIn(expr: string): string[] {
  const names = new Set<string>();
  const noStrings = expr.replace(STRING, '""').replace(/#.*$/gm, '');
  for (const selector of noStrings.matchAll(/\{([^}]*)\}/g)) {
    for (const m of selector[1].matchAll(/([a-zA-Z_]\w*)\s*(?:=~|!~|!=|=)/g)) names.add(m[1]);
  }
  for (const group of noStrings.matchAll(GROUPING)) {
    for (const name of group[1].split(',')) if (name.trim()) names.add(name.trim());
  }
  names.delete('__name__');
  return [...names];
}

/** The values a query compares `label` with (`label="a"`, `label=~"a|b"`, `label!="a"`), split on `|`. */
export function labelValuesIn(expr: string, label: string): string[] {
  const values: string[] = [];
  for (const m of expr.matchAll(new RegExp(`\\b${label}\\s*(?:=~|!~|!=|=)\\s*"([^"]*)"`, 'g'))) values.push(...m[1].split('|'));
  return values;
}

/** A Grafana panel as far as these tests read it. */
export interface Panel {
  id: number;
  type: string;
  title: string;
  datasource?: { type?: string; uid?: string };
  targets?: { expr?: string; refId: string; datasource?: { type?: string; uid?: string } }[];
  panels?: Panel[];
}

export interface Dashboard {
  __inputs?: { name: string; type: string; pluginId: string }[];
  schemaVersion: number;
  uid: string;
  title: string;
  panels: Panel[];
  templating: { list: { name: string; type: string; query: string | { query: string }; datasource?: { uid?: string } }[] };
}

/** Every panel, those inside rows included. */
export function allPanels(dashboard: Dashboard): Panel[] {
  return dashboard.panels.flatMap((panel) => [panel, ...(panel.panels ?? [])]);
}
