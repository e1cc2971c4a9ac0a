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
import { startCatalogFactory } from './in-process/catalog-factory.subject.js';
import { startCqrs } from './in-process/cqrs.subject.js';
import { startDomainEvents } from './in-process/domain-events.subject.js';
import { startEventEmitter } from './in-process/event-emitter.subject.js';
import type { InProcessSubject } from './in-process/in-process.subject.js';
import { startUpcasting } from './in-process/upcasting.subject.js';
import { runBench } from './support/run-bench.js';
import { interleave, localRunner } from './observability/rounds.js';

interface BenchCase {
  /** `<kind>.<handlers>`, matched by `--only`. */
  readonly id: string;
  readonly kind: string;
  /**
   * Cases compared with each other, matched by `--only` too (e.g. `upcasting`): they run side by side, taking turns
   * round by round, so drift on a shared machine lands on all of them alike.
   */
  readonly group?: string;
  readonly label: string;
  /** The kind of the `@nestjs/cqrs` row this one is compared with. @default the pre-built `cqrs` */
  readonly anchor?: string;
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
const CQRS_FRESH = 'cqrs.fresh';
const FACTORY_FLAT = 'events.factory-flat';
const FACTORY_DATES = 'events.factory-dates';
const EVENT_EMITTER = 'ee2.emit-async';
const UPCASTING = 'upcasting';
const FACTORY = 'factory';
// More rounds than `measure`'s 5: the group is read as differences between its rows.
const GROUP_ROUNDS = 7;
const noop = (): void => undefined;
const UPCAST_V1 = 'events.upcast-v1';
const UPCAST_V2 = 'events.upcast-v2';
const UPCAST_V3 = 'events.upcast-v3';

// One handler only: the cost is per upcast, and the memo shares one upcast among the handlers of a version.
const upcastingKinds: Omit<BenchCase, 'id' | 'handlers'>[] = [
  {
    kind: UPCAST_V3,
    group: UPCASTING,
    label: '@webnovel/events: catalog v1–v3 + class-validator, pre-built v3 event (no upcast)',
    operations: 1_400_000,
    start: () => startUpcasting(3),
  },
  {
    kind: UPCAST_V2,
    group: UPCASTING,
    label: '@webnovel/events: catalog v1–v3 + class-validator, pre-built v2 event (upcast 2→3)',
    operations: 350_000,
    start: () => startUpcasting(2),
  },
  {
    kind: UPCAST_V1,
    group: UPCASTING,
    label: '@webnovel/events: catalog v1–v3 + class-validator, pre-built v1 event (upcast 1→2→3)',
    operations: 350_000,
    start: () => startUpcasting(1),
  },
];

// What users write, `await bus.publish(bookPurchased({ ... }))`, against the whole @webnovel/contracts catalog, and
// its fair anchor: cqrs building a fresh event per publish too. They take turns round by round (`--only=factory`), so
// their ratio holds on a shared machine. One handler only: the factory's cost is per publish, not per handler.
const factoryKinds: Omit<BenchCase, 'id' | 'handlers'>[] = [
  {
    kind: FACTORY_FLAT,
    group: FACTORY,
    anchor: CQRS_FRESH,
    label: '@webnovel/events: contracts catalog, `bookPurchased({...})` per publish (flat payload)',
    operations: 420_000,
    start: () => startCatalogFactory('book.purchased'),
  },
  {
    kind: FACTORY_DATES,
    group: FACTORY,
    anchor: CQRS_FRESH,
    label: '@webnovel/events: contracts catalog, `subscriptionCreated({...})` per publish (2 dates)',
    operations: 420_000,
    start: () => startCatalogFactory('subscription.created'),
  },
  {
    kind: CQRS_FRESH,
    group: FACTORY,
    anchor: CQRS_FRESH,
    label: '@nestjs/cqrs: `publish(new Event(...))`, a fresh event per publish',
    operations: 840_000,
    start: () => startCqrs(1, true),
  },
];

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
    ...(handlers === 1 ? [...factoryKinds, ...upcastingKinds] : []),
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

/** The cases of one group, each in its own application context, measured side by side (see `interleave`). */
async function runGroup(group: readonly BenchCase[], plan: MeasurementPlan, scales: readonly number[]): Promise<Measurement[]> {
  const subjects: InProcessSubject[] = [];
  let measured: Measurement[] | undefined;
  let failure: unknown;
  try {
    for (const benchCase of group) subjects.push(await benchCase.start());
    // Each subject is closed below, so the runners have nothing to activate or close.
    const runners = subjects.map((s) => localRunner(s.workload, noop, async () => undefined));
    const operations = Math.max(1, Math.round(plan.operations / GROUP_ROUNDS));
    const results = await interleave(runners, { ...plan, operations, rounds: GROUP_ROUNDS }, scales);
    measured = results.map((r) => ({ ...r, latency: r.latency! }));
  } catch (error) {
    failure = error;
  }
  // Every subject is closed (and checks its handler calls), even when another failed.
  const closed = await Promise.allSettled(subjects.map((s) => s.close()));
  failure ??= closed.find((c): c is PromiseRejectedResult => c.status === 'rejected')?.reason;
  if (measured === undefined || failure !== undefined) throw failure;
  return measured;
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
      cell: (r) => formatRatio(ratio(r.measurement.perSecond, rate(r.benchCase.anchor ?? CQRS, r.benchCase.handlers))),
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
  /** The goal is a ceiling (a cost), not a floor (a rate). @default false */
  readonly atMost?: boolean;
  readonly format: (value: number) => string;
  readonly profileWith: string;
}

function targets(results: readonly CaseResult[]): Target[] {
  const rate = (id: string): number | undefined => results.find((r) => r.benchCase.id === id)?.measurement.perSecond;
  const perSecond = (value: number): string => `${formatInteger(value)} events/s`;
  const micros = (id: string): number | undefined => {
    const r = rate(id);
    return r === undefined ? undefined : 1e6 / r;
  };
  // What a publish of an older version costs more than one of v3 to the same v3 handler, per upcasting step.
  const perStep = (older: string, steps: number): number | undefined => {
    const [slow, fast] = [micros(older), micros(`${UPCAST_V3}.1`)];
    return slow === undefined || fast === undefined ? undefined : (slow - fast) / steps;
  };
  const microsPerStep = (value: number): string => `${formatMicros(value)} µs per step`;
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
    {
      description: 'factory-built `bookPurchased({...})` per publish (flat), 1 sync handler, validation on',
      actual: rate(`${FACTORY_FLAT}.1`),
      goal: 300_000,
      format: perSecond,
      profileWith: `${FACTORY_FLAT}.1`,
    },
    {
      description: 'factory-built `subscriptionCreated({...})` per publish (2 dates), 1 sync handler, validation on',
      actual: rate(`${FACTORY_DATES}.1`),
      goal: 300_000,
      format: perSecond,
      profileWith: `${FACTORY_DATES}.1`,
    },
    {
      description: 'upcasting, (µs per publish of v1 − of v3) / 2, 1 handler',
      actual: perStep(`${UPCAST_V1}.1`, 2),
      goal: 2,
      atMost: true,
      format: microsPerStep,
      profileWith: `${UPCAST_V1}.1`,
    },
    {
      description: 'upcasting, one step: µs per publish of v2 − of v3, 1 handler',
      actual: perStep(`${UPCAST_V2}.1`, 1),
      goal: 2,
      atMost: true,
      format: microsPerStep,
      profileWith: `${UPCAST_V2}.1`,
    },
  ];
}

/**
 * The upcasting rows read as a fixed cost per upcast plus a cost per step: v2 − v3 = fixed + step and
 * v1 − v3 = fixed + 2 × step. Undefined unless all three rows ran.
 */
function upcastingBreakdown(results: readonly CaseResult[]): string | undefined {
  const micros = (kind: string): number | undefined => {
    const rate = results.find((r) => r.benchCase.kind === kind)?.measurement.perSecond;
    return rate === undefined ? undefined : 1e6 / rate;
  };
  const [v1, v2, v3] = [micros(UPCAST_V1), micros(UPCAST_V2), micros(UPCAST_V3)];
  if (v1 === undefined || v2 === undefined || v3 === undefined) return undefined;
  const step = v1 - v2;
  return (
    `- upcasting, split: µs per publish v3 ${formatMicros(v3)}, v2 ${formatMicros(v2)}, v1 ${formatMicros(v1)}; ` +
    `each step (v1 − v2) ${formatMicros(step)} µs, fixed per upcast (v2 − v3 − step) ${formatMicros(v2 - v3 - step)} µs`
  );
}

function targetLines(list: readonly Target[]): string[] {
  return list.map((t) => {
    const bound = t.atMost ? '<' : '≥';
    if (t.actual === undefined) return `- ${t.description}: target ${bound} ${t.format(t.goal)}, not measured in this run`;
    const met = t.atMost ? t.actual < t.goal : t.actual >= t.goal;
    const verdict = met ? 'met' : `MISSED; profile with \`node --cpu-prof bench/dist/in-process.bench.js --only=${t.profileWith}\``;
    return `- ${t.description}: ${t.format(t.actual)} (target ${bound} ${t.format(t.goal)}) ${verdict}`;
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
  'Factory rows (`--only=factory`): what users write, `await bus.publish(bookPurchased({ ... }))`, with fresh data per publish, against the whole `@webnovel/contracts` catalog (and its upcasters), validation on, one sync handler. `bookPurchased` has only strings and numbers; `subscriptionCreated` has two `@IsTimestamp()` dates (passed as `Date`s, revived as fresh ones) and a boolean. Their anchor, and the ratio column’s, is `@nestjs/cqrs` publishing a fresh `new Event({ ... })` per call; the three rows take turns in 7 rounds, like the upcasting rows.',
  'Upcasting rows (`--only=upcasting`): the catalog registers `chapter.purchased` v1, v2 (+ `channel`) and v3 (+ `taxMinor`) with upcasters 1→2 and 2→3, each adding one field; one sync handler takes the latest, v3. Each row publishes one factory-built event of its version, validated against that version’s class. The event has no `source`, so every publish stamps it on a fresh frozen copy, and the upcast memo (a WeakMap per event object, which shares one upcast among the handlers of a version) never hits: every v1 or v2 publish runs the upcasters, turns the result into a v3 instance (by assignment: v3’s fields are all scalars, so class-transformer is not needed), validates it against v3 and freezes it. A check before each row fails the run unless two publishes reach the handler as two distinct, valid v3 objects. The three rows run side by side in 7 rounds, taking turns in a rotating order (the v3 row does 4× the publishes per turn, so its turns are long enough to time), because they are read as differences. The per-step figure is (µs per publish of v1 − of v3) / 2, from the events/s medians; a v1 publish validates 5 fields before upcasting and v3’s 7 after it, while a v3 publish validates its 7 once, so the figure is what an older event really costs more, not the upcaster functions alone. The split line reads the rows as a fixed cost per upcast plus a cost per step.',
];

async function main(): Promise<void> {
  const options = parseBenchOptions();
  const machine = machineInfo();
  const all = HANDLER_COUNTS.flatMap(casesFor);
  const wanted = options.only?.split(',');
  const cases =
    wanted === undefined
      ? all
      : all.filter((c) => wanted.includes(c.id) || wanted.includes(c.kind) || (c.group !== undefined && wanted.includes(c.group)));
  if (cases.length === 0) {
    const groups = [...new Set(all.flatMap((c) => (c.group === undefined ? [] : [c.group])))];
    throw new Error(`--only=${options.only} matches no case; ids: ${all.map((c) => c.id).join(', ')}; groups: ${groups.join(', ')}`);
  }
  const started = process.hrtime.bigint();
  const results: CaseResult[] = [];
  const report = (benchCase: BenchCase, measurement: Measurement): void => {
    results.push({ benchCase, measurement });
    const seconds = (measurement.elapsedNs / 1e9).toFixed(2);
    console.error(
      `[${results.length}/${cases.length}] ${benchCase.id}: ${formatInteger(measurement.perSecond)} events/s, spread ${formatPercent(measurement.spread)} (${seconds} s timed)`,
    );
  };
  for (const benchCase of cases) {
    if (results.some((r) => r.benchCase === benchCase)) continue;
    const group = benchCase.group === undefined ? [benchCase] : cases.filter((c) => c.group === benchCase.group);
    if (group.length === 1) {
      report(benchCase, await runCase(benchCase, planFor(benchCase.operations, options.quick)));
      continue;
    }
    // The plan of the group's slowest case; faster ones run more operations per turn, so no round is too short to time.
    const base = Math.min(...group.map((c) => c.operations));
    const scales = group.map((c) => c.operations / base);
    const measurements = await runGroup(group, planFor(base, options.quick), scales);
    group.forEach((c, i) => report(c, measurements[i]!));
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
    ...[upcastingBreakdown(results)].filter((line) => line !== undefined),
    '',
    '### Notes',
    '',
    ...NOTES.map((note) => `- ${note}`),
  ];
  console.log(lines.join('\n'));
}

runBench(main);
