// Every user-facing message of this lib lives here, so the wording stays consistent and says how to fix the problem.

import { describeValue } from '@webnovel/events/internal';
export const extraFromFactoryProblem = (name: string): string =>
  `${name} was returned by the forRootAsync factory, but the module is assembled before the factory runs; ` +
  `pass it to forRootAsync({ ${name}, useFactory }) itself`;

export const registryProblem = (value: unknown): string =>
  `registry must be a prom-client Registry (\`new Registry()\` from prom-client), got ${describeValue(value)}; ` +
  'leave it out to get a registry of its own per application';

export const pathProblem = (value: unknown, max: number): string =>
  `path must be a route of at most ${max} characters made of URL-safe segments (letters, digits, "-", "_", "." and "~") ` +
  `separated by "/", such as "/metrics", without parameters, wildcards or empty segments; got ${describeValue(value)}`;

export const booleanProblem = (name: string, value: unknown): string => `${name} must be true or false, got ${describeValue(value)}`;

export const bucketsTypeProblem = (value: unknown): string =>
  `durationBuckets must be a non-empty array of upper bounds in seconds, such as [0.001, 0.01, 0.1, 1], got ${describeValue(value)}`;

export const bucketValueProblem = (index: number, value: unknown): string =>
  `durationBuckets[${index}] must be a positive, finite number of seconds, got ${describeValue(value)} ` +
  '(prom-client adds the +Inf bucket itself)';

export const bucketsOrderProblem = (index: number, value: number, previous: number): string =>
  `durationBuckets must be strictly increasing: durationBuckets[${index}] (${value}) is not above ` +
  `durationBuckets[${index - 1}] (${previous}); sort them and drop duplicates`;

export const scrapeTimeoutProblem = (value: unknown, max: number): string =>
  `scrapeTimeoutMs must be a whole number of milliseconds from 1 to ${max}, below the Prometheus scrape_timeout, ` +
  `got ${describeValue(value)}`;

export const defaultLabelsTypeProblem = (value: unknown): string =>
  `defaultLabels must be an object of label names to string values, such as { service: "user-service" }, got ${describeValue(value)}`;

export const labelNameProblem = (name: string): string =>
  `defaultLabels has "${name}", which is not a Prometheus label name: use letters, digits and "_", ` + 'not starting with a digit or "__"';

export const labelValueProblem = (name: string, value: unknown): string =>
  `defaultLabels.${name} must be a string, got ${describeValue(value)}`;

export const labelClashProblem = (name: string, taken: readonly string[]): string =>
  `defaultLabels.${name} clashes with a label of the events metrics (${taken.join(', ')}); choose another name, ` +
  `such as "service" or "app_${name}"`;

export const registryConflictMessage = (metric: string): string =>
  `The metrics registry already has a metric named "${metric}": another EventsMetricsModule (a second application, or ` +
  'an earlier one that was not closed) or the application itself registered it. Give each application its own registry ' +
  '(leave out the registry option to get one), close the earlier application first, or rename your own metric.';

export const sourceTimeoutMessage = (source: string, timeoutMs: number): string =>
  `the ${source} did not answer within ${timeoutMs} ms (scrapeTimeoutMs)`;

export const scrapeFailureWarning = (source: 'queues' | 'store', reason: string, suppressed: number): string =>
  `Scrape could not read the ${source === 'queues' ? 'delivery queue counts' : 'event store'} (${reason}); ` +
  `its gauges have no samples and events_metrics_scrape_errors_total{source="${source}"} counts the failures` +
  (suppressed > 0 ? ` (${suppressed} more failure${suppressed === 1 ? '' : 's'} since the last warning)` : '') +
  '. Further failures are logged at most once a minute.';
