// In-process publish → handler benchmark: @webnovel/events against @nestjs/event-emitter and @nestjs/cqrs, all
// in one process, each in its own Nest application context. Run with `npm run bench` (or `-- --quick`); it is an
// npm script and never part of the test suite, because timings on shared CI machines are not assertions.
import 'reflect-metadata';
import { parseBenchOptions } from './support/cli-options.js';
import { formatCount, formatInteger, formatMicros, formatPercent, formatRatio } from './support/format.js';
import { measure, type Measurement, type MeasurementPlan } from './support/harness.js';
import { describeMachine, machineInfo } from './support/machine.js';
import { ratio } from './support/stats.js';
import { markdownTable, type Column } from './support/table.js';
import { startCqrs } from './in-process/cqrs.subject.js';
import { startDomainEvents } from './in-process/domain-events.subject.js';
import { startEventEmitter } from './in-process/event-emitter.subject.js';
import type { InProcessSubject } from './in-process/in-process.subject.js';
import { runBench } from './support/run-bench.js';

interface BenchCase {
  /** `<kind>.<handlers>`, matched by `--only`. */
  readonly id: string;
  readonly kind: string;
  readonly label: string;
  readonly handlers: number;
  /** Timed operations in a normal run; fixed per case so two runs do the same work. */
  readonly operations: number;
  readonly start: () => Promise<InProcessSubject>;
}

interface CaseResult {
  readonly benchCase: BenchCase;
  readonly measurement: Measurement;
}

const HANDLER_COUNTS = [1, 10] as const;
const LATENCY_SAMPLES = 20_000;
const CQRS = 'cqrs';
const EVENT_EMITTER = 'ee2.emit-async';

// Counts are sized so the full run stays under a minute on 2 cores, slow cases included.
function casesFor(handlers: number): BenchCase[] {
  const few = handlers > 1;
  const kinds: Omit<BenchCase, 'id' | 'handlers'>[] = [
    {
      kind: 'events.prebuilt',
      label: '@webnovel/events: pre-built event, no catalog',
      operations: few ? 1_000_000 : 2_000_000,
      start: () => startDomainEvents(handlers, 'prebuilt'),
    },
    {
      kind: 'events.validated',
      label: '@webnovel/events: catalog + class-validator, pre-built event',
      operations: 300_000,
      start: () => startDomainEvents(handlers, 'validated'),
    },
    {
      kind: 'events.validated-fresh',
      label: '@webnovel/events: catalog + class-validator, factory event per publish',
      operations: 200_000,
      start: () => startDomainEvents(handlers, 'validated-fresh'),
    },
    {
      kind: EVENT_EMITTER,
      label: '@nestjs/event-emitter: `await emitAsync()`',
      operations: few ? 500_000 : 1_000_000,
      start: () => startEventEmitter(handlers, 'emitAsync'),
    },
    {
      kind: 'ee2.emit',
      label: '@nestjs/event-emitter: `emit()` (synchronous)',
      operations: few ? 500_000 : 1_000_000,
      start: () => startEventEmitter(handlers, 'emit'),
    },
    {
      kind: CQRS,
      label: '@nestjs/cqrs: `publish()` (fire-and-forget)',
      operations: few ? 200_000 : 500_000,
      start: () => startCqrs(handlers),
    },
  ];
  return kinds.map((k) => ({ ...k, id: `${k.kind}.${handlers}`, handlers }));
}

function planFor(normalOperations: number, quick: boolean): MeasurementPlan {
  const operations = quick ? Math.max(1_000, Math.round(normalOperations / 10)) : normalOperations;
  return {
    warmup: Math.max(5_000, Math.round(operations / 5)),
    operations,
    latencySamples: quick ? LATENCY_SAMPLES / 5 : LATENCY_SAMPLES,
  };
}

async function runCase(benchCase: BenchCase, plan: MeasurementPlan): Promise<Measurement> {
  const subject = await benchCase.start();
  try {
    return await measure(subject.workload, plan);
  } finally {
    await subject.close();
  }
}

/** The cost the harness adds to every row: an awaited, already-resolved promise timed with hrtime. */
async function harnessBaseline(plan: MeasurementPlan): Promise<Measurement> {
  const resolved = Promise.resolve();
  return measure({ run: () => resolved }, plan);
}

function table(results: readonly CaseResult[]): string {
  const rate = (kind: string, handlers: number): number | undefined =>
    results.find((r) => r.benchCase.kind === kind && r.benchCase.handlers === handlers)?.measurement.perSecond;
  const columns: Column<CaseResult>[] = [
    { header: 'Case', cell: (r) => r.benchCase.label },
    { header: 'Handlers', align: 'right', cell: (r) => String(r.benchCase.handlers) },
    { header: 'Publishes', align: 'right', cell: (r) => formatCount(r.measurement.operations) },
    { header: 'events/s', align: 'right', cell: (r) => formatInteger(r.measurement.perSecond) },
    { header: 'spread', align: 'right', cell: (r) => formatPercent(r.measurement.spread) },
    { header: 'p50 µs', align: 'right', cell: (r) => formatMicros(r.measurement.latency.p50) },
    { header: 'p99 µs', align: 'right', cell: (r) => formatMicros(r.measurement.latency.p99) },
    {
      header: 'vs @nestjs/cqrs',
      align: 'right',
      cell: (r) => formatRatio(ratio(r.measurement.perSecond, rate(CQRS, r.benchCase.handlers))),
    },
    {
      header: 'vs EE2 emitAsync',
      align: 'right',
      cell: (r) => formatRatio(ratio(r.measurement.perSecond, rate(EVENT_EMITTER, r.benchCase.handlers))),
    },
  ];
  return markdownTable(columns, results);
}

interface Target {
  readonly description: string;
  readonly actual: number | undefined;
  readonly goal: number;
  readonly format: (value: number) => string;
  readonly profileWith: string;
}

function targets(results: readonly CaseResult[]): Target[] {
  const rate = (id: string): number | undefined => results.find((r) => r.benchCase.id === id)?.measurement.perSecond;
  const perSecond = (value: number): string => `${formatInteger(value)} events/s`;
  return [
    {
      description: 'pre-built event, 1 sync handler',
      actual: rate('events.prebuilt.1'),
      goal: 1_000_000,
      format: perSecond,
      profileWith: 'events.prebuilt.1',
    },
    {
      description: 'pre-built event, 1 sync handler, vs @nestjs/cqrs',
      actual: ratio(rate('events.prebuilt.1') ?? 0, rate('cqrs.1')),
      goal: 7,
      format: (value) => formatRatio(value),
      profileWith: 'events.prebuilt.1',
    },
    {
      description: 'class-validator on the hot path (pre-built event, 1 handler)',
      actual: rate('events.validated.1'),
      goal: 250_000,
      format: perSecond,
      profileWith: 'events.validated.1',
    },
  ];
}

function targetLines(list: readonly Target[]): string[] {
  return list.map((t) => {
    if (t.actual === undefined) return `- ${t.description}: target ≥ ${t.format(t.goal)}, not measured in this run`;
    const met = t.actual >= t.goal;
    const verdict = met ? 'met' : `MISSED; profile with \`node --cpu-prof bench/dist/in-process.bench.js --only=${t.profileWith}\``;
    return `- ${t.description}: ${t.format(t.actual)} (target ≥ ${t.format(t.goal)}) ${verdict}`;
  });
}

const NOTES = [
  'Every publish is awaited before the next one starts (one publisher, no batching). events/s is the median of 5 equal timed rounds, each running from its first publish until its last expected handler call; spread is (fastest − slowest round) / median. Every handler call is counted and checked.',
  'Latency is one `await publish()` timed with `process.hrtime.bigint()`, timer included; the harness floor line under the table gives the cost of the loop and timer alone.',
  '@webnovel/events runs with observability off (`tracing: false, eventLogLevel: false, summaryWindowMinutes: 0`), like the anchors, which observe nothing; the defaults add about 1 µs per publish and 0.3 µs per further handler run (`npm run bench:observability`).',
  '@webnovel/events: `publish` resolves once every sync handler has finished and rejects with `HandlersFailedError` naming each failed handler. The pre-built event has no `source`, so every publish also stamps the configured one on a frozen copy.',
  '@nestjs/event-emitter: the EE2 ratio column is against `await emitAsync()`, which waits for every listener like our `publish`. `emit()` is synchronous: listeners run inside it and it returns a boolean, not their results. Listeners are not isolated: they run one after another on the publisher’s stack and share one emitter, a blocking listener delays the publisher and the rest, and with the default `suppressErrors: true` a failure is only logged.',
  '@nestjs/cqrs: `publish()` returns nothing; it pushes into an RxJS Subject where each `@EventsHandler` is a filtered subscription (`mergeMap(defer(...))`), and a failure goes to `UnhandledExceptionBus` (by default), never back to the caller of `publish()`. Its throughput is end-to-end (handler calls counted, the last one awaited); its latency is the synchronous part of `publish()` plus one microtask.',
  'Payload objects and the CQRS event instance are built once, like our pre-built event; the "factory event per publish" rows add `eventFactory` work (UUIDv7, clock, class-transformer, deep freeze) to validation.',
];

async function main(): Promise<void> {
  const options = parseBenchOptions();
  const machine = machineInfo();
  const all = HANDLER_COUNTS.flatMap(casesFor);
  const wanted = options.only?.split(',');
  const cases = wanted === undefined ? all : all.filter((c) => wanted.includes(c.id) || wanted.includes(c.kind));
  if (cases.length === 0) throw new Error(`--only=${options.only} matches no case; ids: ${all.map((c) => c.id).join(', ')}`);
  const started = process.hrtime.bigint();
  const results: CaseResult[] = [];
  for (const [i, benchCase] of cases.entries()) {
    const plan = planFor(benchCase.operations, options.quick);
    const measurement = await runCase(benchCase, plan);
    results.push({ benchCase, measurement });
    const seconds = (measurement.elapsedNs / 1e9).toFixed(2);
    console.error(
      `[${i + 1}/${cases.length}] ${benchCase.id}: ${formatInteger(measurement.perSecond)} events/s, spread ${formatPercent(measurement.spread)} (${seconds} s timed)`,
    );
  }
  const baseline = await harnessBaseline(planFor(1_000_000, options.quick));
  const totalSeconds = Number(process.hrtime.bigint() - started) / 1e9;

  const lines = [
    '## In-process publish → handler',
    '',
    describeMachine(machine),
    `Run: ${options.quick ? '--quick (a tenth of the work; numbers are indicative only)' : 'normal'}, ${totalSeconds.toFixed(1)} s${
      options.only === undefined ? '' : `, --only=${options.only}`
    }; warm-up before each case; p50/p99 over ${formatInteger(results[0]!.measurement.latency.samples)} awaited publishes each.`,
    '',
    table(results),
    '',
    `Harness floor (an awaited resolved promise, same loop and timer): ${formatInteger(baseline.perSecond)} ops/s, p50 ${formatMicros(
      baseline.latency.p50,
    )} µs, p99 ${formatMicros(baseline.latency.p99)} µs.`,
    '',
    '### Targets (reported, not asserted)',
    '',
    ...targetLines(targets(results)),
    '',
    '### Notes',
    '',
    ...NOTES.map((note) => `- ${note}`),
  ];
  console.log(lines.join('\n'));
}

runBench(main);
