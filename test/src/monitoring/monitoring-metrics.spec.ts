import { EVENTS_METRIC_LABELS, EVENTS_METRIC_NAMES } from '@webnovel/events-prometheus';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Registry, collectDefaultMetrics } from 'prom-client';
import {
  DASHBOARD_FILE,
  MONITORING_README,
  RULES_FILE,
  type Dashboard,
  allPanels,
  labelNamesIn,
  labelValuesIn,
  metricNamesIn,
  parseRules,
  readRepoFile,
} from './monitoring-files.js';

// The alert rules and the dashboard query metrics by name; a typo or a rename in @webnovel/events-prometheus would
// leave them reading series that never exist, silently: an alert that can never fire and an empty panel.

const REQUIRED_ALERTS = [
  'EventsDeadLetterQueueGrowing',
  'EventsHandlerErrorRatioHigh',
  'EventsHandlerLatencyHigh',
  'EventsRetryBacklog',
  'EventsOutboxRelayLagging',
  'EventsMetricsScrapeErrors',
  'EventsBusNotReady',
];
/** The histograms of @webnovel/events-prometheus: queries read them as `<name>_bucket`, `_sum` and `_count`. */
const EVENTS_HISTOGRAMS = [
  'event_publish_duration_seconds',
  'event_handle_duration_seconds',
  'events_store_append_duration_seconds',
  'events_transport_duration_seconds',
];
/** What the alerts must read at least (the extraction must find these, or it is not looking). */
const RULES_MUST_READ = [
  'events_dead_letter_queue_size',
  'events_handled_total',
  'event_handle_duration_seconds',
  'events_retry_queue_size',
  'events_outbox_oldest_pending_age_seconds',
  'events_metrics_scrape_errors_total',
  'events_bus_ready',
];
/** What the dashboard must show: every events metric, and the event-loop lag. */
const DASHBOARD_MUST_READ = [...EVENTS_METRIC_NAMES, 'nodejs_eventloop_lag_seconds'];
// Prometheus's own labels, then every label the events metrics have.
const LABELS: readonly string[] = ['job', 'instance', 'le', ...EVENTS_METRIC_LABELS];
const LABEL_VALUES: Record<string, string[]> = {
  // Handler outcomes, then the transport's.
  outcome: [
    'success',
    'failure',
    'retried',
    'dead_lettered',
    'skipped_duplicate',
    'published',
    'publish_failed',
    'consumed',
    'skipped_own',
    'consume_failed',
  ],
  state: ['waiting', 'active', 'delayed', 'failed'],
  source: ['queues', 'store'],
};

/** prom-client's default metrics, read from a registry rather than written down. */
function defaultMetrics(): { name: string; type: string }[] {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry.getMetricsAsArray().map((metric) => ({ name: metric.name, type: String(metric.type) }));
}

const defaults = defaultMetrics();
const KNOWN = new Set<string>([...EVENTS_METRIC_NAMES, ...defaults.map((metric) => metric.name)]);
const HISTOGRAMS = new Set<string>([
  ...EVENTS_HISTOGRAMS,
  ...defaults.filter((metric) => metric.type === 'histogram' || metric.type === 'summary').map((metric) => metric.name),
]);

/** The registered metric a series name belongs to (`x_bucket` of histogram `x` is `x`), or undefined. */
function registeredMetric(series: string): string | undefined {
  if (KNOWN.has(series)) return series;
  const suffixed = /^(.+)_(?:bucket|sum|count)$/.exec(series);
  return suffixed && HISTOGRAMS.has(suffixed[1]) ? suffixed[1] : undefined;
}

/** The metric names of a Grafana variable query: `label_values(selector, label)` reads the selector only. */
function variableMetricNames(query: string): string[] {
  const labelValues = /^\s*label_values\((.*),\s*\w+\s*\)\s*$/s.exec(query);
  if (labelValues) return metricNamesIn(labelValues[1]);
  if (/^\s*label_values\(\s*\w+\s*\)\s*$/.test(query)) return [];
  const queryResult = /^\s*query_result\((.*)\)\s*$/s.exec(query);
  return metricNamesIn(queryResult ? queryResult[1] : query);
}

function readDashboard(): Dashboard {
  const text = readRepoFile(DASHBOARD_FILE);
  try {
    return JSON.parse(text) as Dashboard;
  } catch (error) {
    assert.fail(`${DASHBOARD_FILE} is not valid JSON: ${(error as Error).message}`);
  }
}

/** Every query of the dashboard: panel targets and template variables, with where each comes from. */
function dashboardQueries(dashboard: Dashboard): { where: string; expr: string; names: string[] }[] {
  const queries: { where: string; expr: string; names: string[] }[] = [];
  for (const panel of allPanels(dashboard)) {
    for (const target of panel.targets ?? []) {
      const expr = target.expr ?? '';
      assert.ok(expr.trim(), `panel "${panel.title}" target ${target.refId} has no expr`);
      queries.push({ where: `panel "${panel.title}" (${target.refId})`, expr, names: metricNamesIn(expr) });
    }
  }
  for (const variable of dashboard.templating.list) {
    const query = typeof variable.query === 'string' ? variable.query : variable.query.query;
    if (variable.type === 'query') queries.push({ where: `variable $${variable.name}`, expr: query, names: variableMetricNames(query) });
  }
  return queries;
}

/** Checks the names, labels and label values of queries; returns the registered metrics they read. */
function checkQueries(queries: { where: string; expr: string; names: string[] }[], recorded: Set<string> = new Set()): Set<string> {
  const read = new Set<string>();
  const problems: string[] = [];
  for (const { where, expr, names } of queries) {
    if (names.length === 0) problems.push(`${where} reads no metric: ${expr}`);
    for (const name of names) {
      if (name.includes(':')) {
        if (!recorded.has(name)) problems.push(`${where} reads ${name}, which no recording rule defines`);
        continue;
      }
      const metric = registeredMetric(name);
      if (metric) read.add(metric);
      else problems.push(`${where} reads ${name}, which is neither in EVENTS_METRIC_NAMES nor a prom-client default metric`);
    }
    for (const label of labelNamesIn(expr)) {
      if (!LABELS.includes(label)) problems.push(`${where} uses the label ${label}, which no events metric has`);
    }
    for (const [label, allowed] of Object.entries(LABEL_VALUES)) {
      for (const value of labelValuesIn(expr, label)) {
        if (!allowed.includes(value) && !value.startsWith('$'))
          problems.push(`${where} compares ${label} with "${value}" (one of ${allowed})`);
      }
    }
  }
  assert.deepEqual(problems, [], problems.join('\n'));
  return read;
}

describe('monitoring: metric names in the alert rules and the dashboard', () => {
  it('knows the metrics to check against', () => {
    assert.ok(EVENTS_METRIC_NAMES.length >= 13, `EVENTS_METRIC_NAMES has only ${EVENTS_METRIC_NAMES.length} names`);
    for (const name of EVENTS_HISTOGRAMS) assert.ok(KNOWN.has(name), `EVENTS_METRIC_NAMES lacks the histogram ${name}`);
    for (const name of ['process_cpu_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds']) {
      assert.ok(KNOWN.has(name), `prom-client's default metrics lack ${name}`);
    }
  });

  it('reads metric names out of PromQL, and nothing else', () => {
    const cases: [string, string[]][] = [
      [
        'histogram_quantile(0.95, sum by (job, handler_name, le) (rate(event_handle_duration_seconds_bucket{job=~"$job"}[$__rate_interval]))) > 1',
        ['event_handle_duration_seconds_bucket'],
      ],
      [
        '(sum by (job) (rate(a_total{outcome=~"x|y"}[5m])) / on (job) group_left (store) b_size offset 5m) > 0.05 # tune: not_a_metric\nand on (job) c:d:rate5m >= 1e3',
        ['a_total', 'b_size', 'c:d:rate5m'],
      ],
      ['max without (instance) (max_over_time(up [10m:1m])) unless bool absent(z)', ['up', 'z']],
      ['{__name__=~"x_total|y_total", job=~"$job"}', ['x_total', 'y_total']],
      ['vector(1) + time()', []],
    ];
    for (const [expr, names] of cases) assert.deepEqual(metricNamesIn(expr).sort(), names.sort(), expr);
    assert.deepEqual(labelNamesIn('sum by (job, le) (rate(x{outcome!="a", state=~"b"}[5m]))').sort(), ['job', 'le', 'outcome', 'state']);
    assert.deepEqual(variableMetricNames('label_values({__name__=~"a_total|b_total", job=~"$job"}, event_type)'), ['a_total', 'b_total']);
    assert.deepEqual(variableMetricNames('label_values(events_bus_ready, job)'), ['events_bus_ready']);
    assert.equal(registeredMetric('event_handle_duration_seconds_bucket'), 'event_handle_duration_seconds');
    assert.equal(registeredMetric('nodejs_gc_duration_seconds_count'), 'nodejs_gc_duration_seconds');
    assert.equal(registeredMetric('events_retry_queue_size_sum'), undefined, 'only histograms have _sum');
    assert.equal(registeredMetric('events_handled'), undefined);
  });

  it('the rule file reads only metrics that exist, with their labels and label values', () => {
    const rules = parseRules(readRepoFile(RULES_FILE));
    const recorded = new Set(rules.filter((rule) => rule.kind === 'record').map((rule) => rule.name));
    for (const rule of rules) assert.ok(rule.expr, `${rule.name} has no expr`);
    const read = checkQueries(
      rules.map((rule) => ({ where: `rule ${rule.name}`, expr: rule.expr, names: metricNamesIn(rule.expr) })),
      recorded,
    );
    for (const name of RULES_MUST_READ) assert.ok(read.has(name), `no rule reads ${name} (found: ${[...read].join(', ')})`);
  });

  it('every dashboard query reads only metrics that exist, with their labels and label values', () => {
    const queries = dashboardQueries(readDashboard());
    assert.ok(queries.length >= 15, `found only ${queries.length} queries in ${DASHBOARD_FILE}`);
    const read = checkQueries(queries);
    for (const name of DASHBOARD_MUST_READ) assert.ok(read.has(name), `no panel reads ${name} (found: ${[...read].join(', ')})`);
  });
});

describe('monitoring: the Grafana dashboard', () => {
  it('is valid JSON that imports with a ${DS_PROMETHEUS} datasource input', () => {
    const dashboard = readDashboard();
    const input = dashboard.__inputs?.find((entry) => entry.name === 'DS_PROMETHEUS');
    assert.deepEqual(
      input && { type: input.type, pluginId: input.pluginId },
      { type: 'datasource', pluginId: 'prometheus' },
      '__inputs must declare DS_PROMETHEUS, a prometheus datasource',
    );
    assert.ok(dashboard.schemaVersion >= 36, `schemaVersion ${dashboard.schemaVersion} is too old`);
    assert.ok(dashboard.uid && dashboard.title, 'the dashboard needs a uid and a title');
    const panels = allPanels(dashboard);
    const ids = panels.map((panel) => panel.id);
    assert.equal(new Set(ids).size, ids.length, 'panel ids must be unique');
    for (const panel of panels.filter((p) => p.type !== 'row')) {
      assert.equal(panel.datasource?.uid, '${DS_PROMETHEUS}', `panel "${panel.title}" must use the \${DS_PROMETHEUS} input`);
      for (const target of panel.targets ?? []) {
        assert.equal(target.datasource?.uid ?? '${DS_PROMETHEUS}', '${DS_PROMETHEUS}', `panel "${panel.title}" ${target.refId}`);
      }
    }
    for (const variable of dashboard.templating.list.filter((v) => v.type === 'query')) {
      assert.equal(variable.datasource?.uid, '${DS_PROMETHEUS}', `variable $${variable.name} must use the \${DS_PROMETHEUS} input`);
    }
  });

  it('filters by job, event_type and handler_name, and shows handler p50/p95/p99', () => {
    const dashboard = readDashboard();
    const variables = dashboard.templating.list.map((variable) => variable.name);
    for (const name of ['job', 'event_type', 'handler_name']) assert.ok(variables.includes(name), `no $${name} variable`);
    const exprs = allPanels(dashboard).flatMap((panel) => (panel.targets ?? []).map((target) => target.expr ?? ''));
    for (const quantile of ['0.5', '0.95', '0.99']) {
      assert.ok(
        exprs.some((expr) => expr.includes(`histogram_quantile(${quantile},`) && expr.includes('event_handle_duration_seconds_bucket')),
        `no p${Number(quantile) * 100} of event_handle_duration_seconds`,
      );
    }
    for (const name of ['$job', '$event_type', '$handler_name']) {
      assert.ok(
        exprs.some((expr) => expr.includes(name)),
        `no panel filters by ${name}`,
      );
    }
  });
});

describe('monitoring: the alert rules', () => {
  it('define every required alert with for, severity, summary, description and a runbook', () => {
    const alerts = parseRules(readRepoFile(RULES_FILE)).filter((rule) => rule.kind === 'alert');
    const readme = readRepoFile(MONITORING_README);
    for (const name of REQUIRED_ALERTS)
      assert.ok(
        alerts.some((alert) => alert.name === name),
        `${RULES_FILE} has no alert ${name}`,
      );
    for (const alert of alerts) {
      assert.match(alert.text, /^\s*for:\s*\d+[smh]\s*$/m, `${alert.name} has no for:`);
      assert.match(alert.text, /^\s*severity:\s*(?:critical|warning|info)\s*$/m, `${alert.name} has no severity label`);
      assert.match(alert.text, /^\s*summary:\s*\S/m, `${alert.name} has no summary`);
      assert.match(alert.text, /^\s*description:\s*\S/m, `${alert.name} has no description`);
      assert.match(alert.text, /\{\{ \$labels\.\w+ \}\}/, `${alert.name}'s annotations name none of its labels`);
      const runbook = /^\s*runbook:\s*'?README\.md#observability\b.*monitoring\/README\.md#(\w+)/m.exec(alert.text);
      assert.ok(runbook, `${alert.name} has no runbook annotation pointing at README.md#observability and monitoring/README.md`);
      assert.equal(runbook[1], alert.name.toLowerCase(), `${alert.name}'s runbook anchor`);
      assert.match(readme, new RegExp(`^### ${alert.name}$`, 'm'), `${MONITORING_README} has no runbook section for ${alert.name}`);
    }
  });
});
