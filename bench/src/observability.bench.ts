// Observability overhead: the in-process and BullMQ paths of @webnovel/events with observability off and on, side by
// side in one run, rounds taking turns. Run with `npm run bench:observability` (or `-- --quick`); the BullMQ part needs
// Redis at REDIS_HOST:REDIS_PORT (127.0.0.1:6379). An npm script, never part of the test suite: timings are not assertions.
import 'reflect-metadata';
import { Logger as NestLogger } from '@nestjs/common';
import { createDomainEvent, type DomainEvent } from '@webnovel/events';
import type { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { EVENT_TYPE, EVENTS_IN_FLIGHT, WORKER_CONCURRENCY } from './bullmq/delivery.subject.js';
import { connectAdmin, deleteKeys, describeRedis } from './bullmq/redis-keys.js';
import { startObservedBullMq, type ObservedBullMqSubject } from './observability/bullmq.subject.js';
import { startChildRunner } from './observability/child-runner.js';
import { startObservedInProcess } from './observability/in-process.subject.js';
import { discardedLogLines, PINO_LEVEL, type ObservabilityMode } from './observability/observed-app.js';
import { interleave, localRunner, type InterleavedPlan, type InterleavedResult, type RoundRunner } from './observability/rounds.js';
import { parseBenchOptions } from './support/cli-options.js';
import { formatCount, formatInteger, formatMicros, formatPercent, formatRatio } from './support/format.js';
import { describeMachine, machineInfo } from './support/machine.js';
import { ratio } from './support/stats.js';
import { markdownTable, type Column } from './support/table.js';
import { runBench } from './support/run-bench.js';

const connection = { host: process.env.REDIS_HOST ?? '127.0.0.1', port: Number(process.env.REDIS_PORT ?? 6379) };
/** The issue's target: observability on costs less than this share of throughput. */
const TARGET_OVERHEAD = 0.15;
/** Every BullMQ round must finish within this, or the run fails instead of hanging. */
const ROUND_TIMEOUT_MS = 120_000;
/** If anything (a socket, a timer) still holds the process this long after the report, say what and exit. */

const MODE_LABELS: Record<ObservabilityMode, string> = {
  off: 'off',
  on: 'on (metrics, statistics, pino debug lines, API spans)',
  'on-sdk': 'on + SDK (NodeTracerProvider, every span sampled)',
};

interface Group {
  /** `in-process.1`, `in-process.10`, `bullmq`: matched by `--only`, as are `<group>.<mode>` and the kind. */
  readonly id: string;
  readonly kind: 'in-process' | 'bullmq';
  readonly handlers: number;
  readonly modes: readonly ObservabilityMode[];
  readonly plan: { readonly normal: InterleavedPlan; readonly quick: InterleavedPlan };
  /** Multiplies a mode's operations per round (default 1): `off` is several times faster, and short rounds time badly. */
  readonly scale?: Partial<Record<ObservabilityMode, number>>;
}

// Sized so the full run stays near a minute and a half on 2 cores (the `on + SDK` rounds take most of the in-process
// time); the BullMQ rounds are those of bullmq-delivery.bench.ts (20 000 events, 1 000 in flight), 7 per side
// rather than 5, because Redis and the workers share the 2 cores and single rounds swing by 20–50 %.
const GROUPS: readonly Group[] = [
  {
    id: 'in-process.1',
    kind: 'in-process',
    handlers: 1,
    modes: ['off', 'on', 'on-sdk'],
    scale: { off: 4 },
    plan: {
      normal: { warmup: 60_000, operations: 60_000, rounds: 7, latencySamples: 21_000 },
      quick: { warmup: 10_000, operations: 6_000, rounds: 3, latencySamples: 3_000 },
    },
  },
  {
    id: 'in-process.10',
    kind: 'in-process',
    handlers: 10,
    modes: ['off', 'on', 'on-sdk'],
    scale: { off: 4 },
    plan: {
      normal: { warmup: 20_000, operations: 20_000, rounds: 7, latencySamples: 7_000 },
      quick: { warmup: 5_000, operations: 2_000, rounds: 3, latencySamples: 1_500 },
    },
  },
  {
    id: 'bullmq',
    kind: 'bullmq',
    handlers: 1,
    modes: ['off', 'on'],
    plan: {
      normal: { warmup: 2_000, operations: 20_000, rounds: 7, latencySamples: 0 },
      quick: { warmup: 500, operations: 3_000, rounds: 3, latencySamples: 0 },
    },
  },
];

interface CaseResult {
  readonly group: Group;
  readonly mode: ObservabilityMode;
  readonly result: InterleavedResult;
}

/** A case's runner, and a note for the report once it is closed. */
interface Started {
  readonly mode: ObservabilityMode;
  readonly runner: RoundRunner;
}

/** Whether Nest's `Logger` lets a `debug` line through to the application logger while an `on` application is active. */
let debugReachesLogger: boolean | undefined;

/** `off` and `on` in this process; `on-sdk` in a child process (see the notes). */
async function startInProcess(handlers: number, mode: ObservabilityMode): Promise<RoundRunner> {
  if (mode === 'on-sdk') return startChildRunner(mode, handlers);
  const subject = await startObservedInProcess(handlers, mode);
  if (mode === 'on') {
    subject.activate();
    debugReachesLogger = NestLogger.isLevelEnabled('debug');
  }
  return localRunner(subject.workload, subject.activate, () => subject.close());
}

/** `count` distinct events (distinct ids, so distinct job ids), built before any clock starts. */
function makeEvents(count: number): DomainEvent[] {
  return Array.from({ length: count }, (_, i) => createDomainEvent({ type: EVENT_TYPE, data: { n: i } }));
}

/** A BullMQ round: sends `operations` events and waits for every handler call; times both. */
function bullMqRunner(subject: ObservedBullMqSubject): RoundRunner {
  const send = async (events: readonly DomainEvent[]) => {
    subject.activate();
    const done = subject.counter.expect(events.length, ROUND_TIMEOUT_MS);
    const start = process.hrtime.bigint();
    let acceptedNs = 0;
    const sent = subject.sendAll(events).then(() => {
      acceptedNs = Number(process.hrtime.bigint() - start);
    });
    await Promise.all([sent, done]);
    return { ns: Number(process.hrtime.bigint() - start), acceptedNs };
  };
  return {
    warmup: async (operations) => void (await send(makeEvents(operations))),
    round: (operations) => send(makeEvents(operations)),
    close: async () => {
      await subject.close();
      return undefined;
    },
  };
}

/** Starts the group's cases side by side, measures them in turns, then closes them all (first failure rethrown). */
async function runGroup(
  group: Group,
  modes: readonly ObservabilityMode[],
  plan: InterleavedPlan,
  start: (mode: ObservabilityMode) => Promise<RoundRunner>,
  notes: string[],
): Promise<CaseResult[]> {
  const started: Started[] = [];
  let failure: { error: unknown } | undefined;
  let results: CaseResult[] = [];
  try {
    for (const mode of modes) started.push({ mode, runner: await start(mode) });
    const measured = await interleave(
      started.map((s) => s.runner),
      plan,
      started.map((s) => group.scale?.[s.mode] ?? 1),
    );
    results = measured.map((result, i) => ({ group, mode: started[i]!.mode, result }));
  } catch (error) {
    failure = { error };
  }
  for (const { mode, runner } of started) {
    try {
      const note = await runner.close();
      if (note !== undefined) notes.push(`${group.id}, ${mode}: ${note}.`);
    } catch (error) {
      failure ??= { error };
    }
  }
  if (failure !== undefined) throw failure.error;
  return results;
}

const ms = (seconds: number): string => `${seconds.toFixed(2)} s`;

function offRate(results: readonly CaseResult[], group: Group): number | undefined {
  return results.find((r) => r.group === group && r.mode === 'off')?.result.perSecond;
}

function inProcessTable(results: readonly CaseResult[]): string {
  const columns: Column<CaseResult>[] = [
    { header: 'Observability', cell: (r) => MODE_LABELS[r.mode] },
    { header: 'Handlers', align: 'right', cell: (r) => String(r.group.handlers) },
    { header: 'Publishes', align: 'right', cell: (r) => formatCount(r.result.operations) },
    { header: 'events/s', align: 'right', cell: (r) => formatInteger(r.result.perSecond) },
    { header: 'spread', align: 'right', cell: (r) => formatPercent(r.result.spread) },
    { header: 'p50 µs', align: 'right', cell: (r) => (r.result.latency ? formatMicros(r.result.latency.p50) : '–') },
    { header: 'p99 µs', align: 'right', cell: (r) => (r.result.latency ? formatMicros(r.result.latency.p99) : '–') },
    ...ratioColumns(results),
    {
      header: '+µs per publish',
      align: 'right',
      cell: (r) => {
        const off = offRate(results, r.group);
        return r.mode === 'off' || off === undefined ? '–' : formatMicros(1e6 / r.result.perSecond - 1e6 / off);
      },
    },
  ];
  return markdownTable(columns, results);
}

function bullMqTable(results: readonly CaseResult[]): string {
  const columns: Column<CaseResult>[] = [
    { header: 'Observability', cell: (r) => MODE_LABELS[r.mode] },
    { header: 'Events', align: 'right', cell: (r) => formatCount(r.result.roundOperations) },
    { header: 'events/s', align: 'right', cell: (r) => formatInteger(r.result.perSecond) },
    { header: 'spread', align: 'right', cell: (r) => formatPercent(r.result.spread) },
    {
      header: 'in Redis, events/s',
      align: 'right',
      cell: (r) => (r.result.acceptedPerSecond === undefined ? '–' : formatInteger(r.result.acceptedPerSecond)),
    },
    ...ratioColumns(results),
  ];
  return markdownTable(columns, results);
}

function ratioColumns(results: readonly CaseResult[]): Column<CaseResult>[] {
  const onOff = (r: CaseResult) => ratio(r.result.perSecond, offRate(results, r.group));
  return [
    { header: 'vs off', align: 'right', cell: (r) => (r.mode === 'off' ? '–' : formatRatio(onOff(r))) },
    {
      header: 'overhead',
      align: 'right',
      cell: (r) => {
        const value = onOff(r);
        return r.mode === 'off' || value === undefined ? '–' : formatPercent(1 - value);
      },
    },
  ];
}

function targetLines(results: readonly CaseResult[]): string[] {
  return results
    .filter((r) => r.mode !== 'off')
    .map((r) => {
      const where =
        r.group.kind === 'bullmq'
          ? 'BullMQ, inbox on, 1 async handler'
          : `in-process, ${r.group.handlers} sync handler${r.group.handlers === 1 ? '' : 's'}`;
      const value = ratio(r.result.perSecond, offRate(results, r.group));
      if (value === undefined)
        return `- ${where}, ${r.mode}: target overhead < ${formatPercent(TARGET_OVERHEAD)}, off not measured in this run`;
      const overhead = 1 - value;
      const profile = `profile with \`node --cpu-prof --cpu-prof-dir=.profiles bench/dist/observability.bench.js --quick --only=${r.group.id}.${r.mode}\``;
      return `- ${where}, ${r.mode}: overhead ${formatPercent(overhead)} (${formatRatio(value)} of off; target < ${formatPercent(TARGET_OVERHEAD)}) ${
        overhead < TARGET_OVERHEAD ? 'met' : `MISSED; ${profile}`
      }`;
    });
}

const NOTES = [
  '`off`: `EventsModule.forRoot({ ..., tracing: false, eventLogLevel: false, summaryWindowMinutes: 0 })`, no metrics module, `logger: false`: no observer is registered and the bus takes no clock (checked at close).',
  `\`on\`, the production default: \`EventsMetricsModule.forRoot({ serve: false, defaultMetrics: false })\` (prom-client counters and histograms per publish and per handler run, in the application's own registry); the per-minute statistics (\`summaryWindowMinutes: 60\`); \`eventLogLevel: 'debug'\` with nestjs-pino's \`Logger\` as the application logger (\`bufferLogs\`, then \`app.useLogger\`, then Nest told the levels pino keeps, as the user service does), pino at level \`${PINO_LEVEL}\` writing to a destination that discards, so per-event debug lines are skipped at \`Logger.isLevelEnabled\` and never built; \`tracing: true\` with no SDK registered, so the spans are the API's no-ops. At close each \`on\` application must have counted every publish and handler run in its metrics and its statistics, or the run fails.`,
  '`on + SDK`: the same application in a child process that first registers a `NodeTracerProvider` (sdk-trace-node 2.12) with `AlwaysOnSampler`, a default `BatchSpanProcessor` and an exporter that drops each batch and reports success; `register()` also installs the `AsyncLocalStorage` context manager and the W3C propagators, so every publish stamps a `traceparent` on a copy of the event. A registered provider is process-wide (the API’s proxy tracers start delegating to it, and on Node 20 the context manager enables async hooks for every promise), so it never shares a process with `off` or `on`: the parent drives the child over IPC one turn at a time and stays idle while the child runs, so its rounds interleave with the others like a local case. Its ratio is against the `off` measured in the parent.',
  'In-process: the `validated` case of the in-process bench (catalog with one definition, class-validator on every publish, one factory-built event published over and over, sync handlers that count their calls); every publish is awaited before the next. events/s is the median of the timed rounds; the cases of a group take turns round by round, the order rotating, and each turn also samples its share of individually timed publishes for p50/p99. `off` and `on` share this process (and so the JIT’s view of the bus code); `on + SDK` has its own.',
  `BullMQ: \`throughput.ours\` of the BullMQ bench (\`BullMqDelivery\` with the Redis inbox, concurrency ${WORKER_CONCURRENCY}, one no-op async handler, workers in this process), ${formatInteger(EVENTS_IN_FLIGHT)} publishes in flight, from the first send until every handler call; the two sides run side by side in turns. \`on\` adds a producer span per publish, a consumer span per job (both no-ops), the publish and handler records to the metrics, the statistics and the debug log lines.`,
  'overhead = 1 − (on events/s ÷ off events/s); +µs per publish = 1/on − 1/off, the time observability adds to each awaited publish (against a no-op handler, so the overhead is the worst case: a handler doing real work dilutes it). spread is (fastest − slowest round) / median and says how far a figure can be trusted on this machine; `off` runs 4× the publishes per round in process, so its short rounds still time well.',
];

async function main(): Promise<void> {
  const options = parseBenchOptions();
  const machine = machineInfo();
  const wanted = options.only?.split(',');
  const selected = GROUPS.map((group) => ({
    group,
    modes: group.modes.filter(
      (mode) => wanted === undefined || wanted.some((w) => w === group.kind || w === group.id || w === `${group.id}.${mode}`),
    ),
  })).filter((s) => s.modes.length > 0);
  if (selected.length === 0) {
    const ids = GROUPS.flatMap((g) => [g.id, ...g.modes.map((m) => `${g.id}.${m}`)]);
    throw new Error(`--only=${options.only} matches no case; kinds: in-process, bullmq; ids: ${ids.join(', ')}`);
  }

  const started = process.hrtime.bigint();
  const results: CaseResult[] = [];
  const notes: string[] = [];
  let server: string | undefined;
  let runPrefix: string | undefined;
  for (const { group, modes } of selected) {
    const plan = group.plan[options.quick ? 'quick' : 'normal'];
    let measured: CaseResult[];
    if (group.kind === 'in-process') {
      measured = await runGroup(group, modes, plan, (mode) => startInProcess(group.handlers, mode), notes);
    } else {
      runPrefix = `bench-observability-${randomBytes(4).toString('hex')}`;
      const prefix = runPrefix;
      const admin: Redis = await connectAdmin(connection);
      try {
        server = await describeRedis(admin, connection);
        measured = await runGroup(
          group,
          modes,
          plan,
          async (mode) => bullMqRunner(await startObservedBullMq({ connection, prefix: `${prefix}.${mode}`, mode: mode as 'off' | 'on' })),
          notes,
        );
      } finally {
        const left = await deleteKeys(admin, prefix);
        if (left > 0) console.error(`deleted ${left} keys under ${prefix}`);
        await admin.quit();
      }
    }
    for (const r of measured) {
      results.push(r);
      console.error(
        `${r.group.id}.${r.mode}: ${formatInteger(r.result.perSecond)} events/s, spread ${formatPercent(r.result.spread)} (${ms(
          r.result.elapsedNs / 1e9,
        )} timed; rounds ${r.result.rates.map(formatInteger).join(' ')})`,
      );
    }
  }
  const totalSeconds = Number(process.hrtime.bigint() - started) / 1e9;

  const inProcess = results.filter((r) => r.group.kind === 'in-process');
  const bullMq = results.filter((r) => r.group.kind === 'bullmq');
  const plans = selected.map(({ group }) => {
    const p = group.plan[options.quick ? 'quick' : 'normal'];
    const scaled = Object.entries(group.scale ?? {}).map(([mode, factor]) => `, ${mode} ×${factor}`);
    return `${group.id}: ${p.rounds} rounds of ${formatInteger(p.operations)}${scaled.join('')} after ${formatInteger(p.warmup)} warm-up${
      p.latencySamples > 0 ? `, ${formatInteger(p.latencySamples)} timed publishes` : ''
    }`;
  });
  const logging =
    debugReachesLogger === undefined
      ? []
      : [
          `- Logging: Nest's \`Logger.isLevelEnabled('debug')\` was ${debugReachesLogger} with pino as the application logger, ${
            debugReachesLogger
              ? 'so the bus built every per-event line and handed it on to be dropped by pino'
              : 'so the bus skipped its per-event lines'
          }; pino (level \`${PINO_LEVEL}\`) wrote ${formatInteger(discardedLogLines.lines)} lines in this process (${
            [...discardedLogLines.byLevel].map(([level, n]) => `${formatInteger(n)} ${level}`).join(', ') || 'none'
          }), Nest's start-up and shutdown lines.`,
        ];
  const lines = [
    '## Observability overhead: off vs on',
    '',
    describeMachine(machine),
    ...(server === undefined ? [] : [`${server}, in the same machine; key prefix ${runPrefix}.* (deleted afterwards).`]),
    `Run: ${options.quick ? '--quick (a fraction of the work; numbers are indicative only)' : 'normal'}, ${totalSeconds.toFixed(1)} s${
      options.only === undefined ? '' : `, --only=${options.only}`
    }; ${plans.join('; ')}.`,
    '',
    ...(inProcess.length === 0
      ? []
      : ['### In-process publish → sync handlers (catalog + class-validator, pre-built event)', '', inProcessTable(inProcess), '']),
    ...(bullMq.length === 0 ? [] : ['### BullMQ delivery, inbox on, 1 async handler, end to end', '', bullMqTable(bullMq), '']),
    `### Target: overhead < ${formatPercent(TARGET_OVERHEAD)} (reported, not asserted)`,
    '',
    ...targetLines(results),
    '',
    '### Notes',
    '',
    ...NOTES.map((note) => `- ${note}`),
    ...logging,
    ...notes.map((note) => `- ${note}`),
  ];
  console.log(lines.join('\n'));
}

runBench(main);
