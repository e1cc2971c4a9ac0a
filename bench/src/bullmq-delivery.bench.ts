// Durable async delivery on BullMQ: our EventBus with BullMqDelivery against raw BullMQ (Queue.addBulk + Worker), both
// end to end on the local Redis, side by side in one run. Run with `npm run bench:bullmq` (or `-- --quick`); it needs
// Redis at REDIS_HOST:REDIS_PORT (127.0.0.1:6379) and is never part of the test suite: timings are not assertions.
import 'reflect-metadata';
import { createDomainEvent, type DomainEvent } from '@webnovel/events';
import type { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { EVENT_TYPE, EVENTS_IN_FLIGHT, JOBS_PER_BULK, WORKER_CONCURRENCY, type DeliverySubject } from './bullmq/delivery.subject.js';
import { startOurs } from './bullmq/ours.subject.js';
import { startRaw } from './bullmq/raw.subject.js';
import { connectAdmin, deleteKeys, describeRedis } from './bullmq/redis-keys.js';
import { parseBenchOptions } from './support/cli-options.js';
import { formatCount, formatInteger, formatPercent, formatRatio } from './support/format.js';
import { runPaced, type PacedRun } from './support/load.js';
import { describeMachine, machineInfo } from './support/machine.js';
import { percentile, perSecond, ratio } from './support/stats.js';
import { markdownTable, type Column } from './support/table.js';
import { runBench } from './support/run-bench.js';

const connection = { host: process.env.REDIS_HOST ?? '127.0.0.1', port: Number(process.env.REDIS_PORT ?? 6379) };
const FANOUT = 5;
const TARGET_RATIO = 0.8;
const TARGET_EVENTS_PER_SECOND = 10_000;
const TARGET_P99_MS = 5;
/** Publish rate of the latency cases when this run did not measure our peak (`--only=latency`). */
const FALLBACK_RATE = 5_000;
/** Every round must finish within this, or the run fails instead of hanging. */
const ROUND_TIMEOUT_MS = 120_000;
/** If anything (a socket, a timer) still holds the process this long after the report, say what and exit. */

interface Plan {
  /** Events per timed throughput round (divided by 5 for fan-out, so the job count stays the same). */
  readonly events: number;
  /** Untimed events first, so connections are warm and the JIT has compiled the path. */
  readonly warmup: number;
  /** Timed rounds per throughput case; the figure is their median. */
  readonly rounds: number;
  /** Seconds of paced publishing per latency case. */
  readonly latencySeconds: number;
}

const PLANS: Record<'normal' | 'quick', Plan> = {
  normal: { events: 20_000, warmup: 2_000, rounds: 5, latencySeconds: 5 },
  quick: { events: 3_000, warmup: 500, rounds: 3, latencySeconds: 2 },
};

/** Cases of one kind run side by side, in this order; latency runs last, at half the throughput measured before it. */
const KINDS = ['throughput', 'fanout', 'latency'] as const;

interface BenchCase {
  /** `<kind>.<side>`, matched by `--only`, as is the kind. */
  readonly id: string;
  readonly kind: (typeof KINDS)[number];
  readonly label: string;
  readonly handlers: 1 | 5;
  /** The raw case this one's ratio is taken against; raw cases have none. */
  readonly anchor?: string;
  readonly start: (prefix: string) => Promise<DeliverySubject>;
}

interface ThroughputResult {
  readonly benchCase: BenchCase;
  readonly events: number;
  /** Median over the rounds of events per second, first send to last handler call. */
  readonly perSecond: number;
  /** Median over the rounds of events per second, first send until every job was in Redis. */
  readonly acceptedPerSecond: number;
  /** (fastest − slowest round) / median. */
  readonly spread: number;
  readonly seconds: number;
}

interface LatencyResult {
  readonly benchCase: BenchCase;
  readonly paced: PacedRun;
}

const ours = (handlers: 1 | 5, inbox: boolean) => (prefix: string) => startOurs({ connection, prefix, handlers, inbox });
const raw = (handlers: 1 | 5) => (prefix: string) => startRaw({ connection, prefix, handlers });

const CASES: readonly BenchCase[] = [
  { id: 'throughput.raw', kind: 'throughput', label: 'raw BullMQ: `addBulk` of 500 + `Worker`', handlers: 1, start: raw(1) },
  {
    id: 'throughput.ours',
    kind: 'throughput',
    label: 'ours: `publish` → BullMqDelivery, inbox on (default)',
    handlers: 1,
    anchor: 'throughput.raw',
    start: ours(1, true),
  },
  {
    id: 'throughput.ours-no-inbox',
    kind: 'throughput',
    label: 'ours: `publish` → BullMqDelivery, `inbox: false`',
    handlers: 1,
    anchor: 'throughput.raw',
    start: ours(1, false),
  },
  { id: 'fanout.raw', kind: 'fanout', label: `raw BullMQ: ${FANOUT} jobs per event`, handlers: FANOUT, start: raw(FANOUT) },
  {
    id: 'fanout.ours',
    kind: 'fanout',
    label: `ours: 1 event → ${FANOUT} handlers, inbox on`,
    handlers: FANOUT,
    anchor: 'fanout.raw',
    start: ours(FANOUT, true),
  },
  { id: 'latency.raw', kind: 'latency', label: 'raw BullMQ: `queue.add` per event', handlers: 1, start: raw(1) },
  {
    id: 'latency.ours',
    kind: 'latency',
    label: 'ours: `publish`, inbox on',
    handlers: 1,
    anchor: 'latency.raw',
    start: ours(1, true),
  },
];

const collectGarbage = (globalThis as { gc?: () => void }).gc;

/** `count` distinct events (distinct ids, so distinct job ids), built before any clock starts. */
function makeEvents(count: number): DomainEvent[] {
  return Array.from({ length: count }, (_, i) => createDomainEvent({ type: EVENT_TYPE, data: { n: i } }));
}

/** Sends `events` and waits for every handler call: returns the ns until all were in Redis and until all were handled. */
async function timedRound(subject: DeliverySubject, events: readonly DomainEvent[]): Promise<{ acceptedNs: number; doneNs: number }> {
  const done = subject.counter.expect(events.length * subject.handlers, ROUND_TIMEOUT_MS);
  const start = process.hrtime.bigint();
  let acceptedNs = 0;
  const sent = subject.sendAll(events).then(() => {
    acceptedNs = Number(process.hrtime.bigint() - start);
  });
  await Promise.all([sent, done]);
  return { acceptedNs, doneNs: Number(process.hrtime.bigint() - start) };
}

/** A case whose subject is running under `<run prefix>.<case id>`. */
interface Running {
  readonly benchCase: BenchCase;
  readonly subject: DeliverySubject;
}

/**
 * Starts the subjects of one kind side by side, runs `body`, then closes them all and deletes every key of the kind,
 * whatever happened. An idle subject costs next to nothing (its worker waits in one blocking Redis call).
 */
async function withSubjects<T>(
  cases: readonly BenchCase[],
  kindPrefix: string,
  admin: Redis,
  body: (running: Running[]) => Promise<T>,
): Promise<T> {
  const running: Running[] = [];
  let result: T;
  try {
    for (const benchCase of cases) {
      running.push({ benchCase, subject: await benchCase.start(`${kindPrefix}${benchCase.id.slice(benchCase.kind.length)}`) });
    }
    result = await body(running);
  } catch (error) {
    // The failed round is the error worth seeing; close and clean up anyway.
    await closeAll(running, kindPrefix, admin).catch(() => undefined);
    throw error;
  }
  await closeAll(running, kindPrefix, admin);
  return result;
}

/** Closes every subject (a close also checks its last count), then deletes the kind's keys; rethrows the first failure. */
async function closeAll(running: readonly Running[], kindPrefix: string, admin: Redis): Promise<void> {
  let failure: { error: unknown } | undefined;
  for (const { subject } of running) await subject.close().catch((error: unknown) => (failure ??= { error }));
  await deleteKeys(admin, kindPrefix);
  if (failure !== undefined) throw failure.error;
}

/**
 * Warms every subject up, then runs `plan.rounds` rounds in which each subject sends `plan.events` jobs in turn, the
 * order rotating every round: drift on a shared machine (another build, a GC-heavy neighbour) then lands on all sides
 * alike instead of on whichever case ran last.
 */
async function measureThroughput(running: readonly Running[], plan: Plan): Promise<ThroughputResult[]> {
  const eventsOf = (subject: DeliverySubject, jobs: number) => Math.max(1, Math.round(jobs / subject.handlers));
  for (const { subject } of running) await timedRound(subject, makeEvents(eventsOf(subject, plan.warmup)));
  const samples = running.map(() => ({ rates: [] as number[], accepted: [] as number[], ns: 0 }));
  for (let round = 0; round < plan.rounds; round++) {
    for (let turn = 0; turn < running.length; turn++) {
      const index = (round + turn) % running.length;
      const { subject } = running[index]!;
      const events = makeEvents(eventsOf(subject, plan.events));
      collectGarbage?.();
      const { acceptedNs, doneNs } = await timedRound(subject, events);
      const sample = samples[index]!;
      sample.rates.push(perSecond(events.length, doneNs));
      sample.accepted.push(perSecond(events.length, acceptedNs));
      sample.ns += doneNs;
    }
  }
  return running.map(({ benchCase, subject }, i) => {
    const sorted = Float64Array.from(samples[i]!.rates).sort();
    const median = percentile(sorted, 50);
    return {
      benchCase,
      events: eventsOf(subject, plan.events),
      perSecond: median,
      acceptedPerSecond: percentile(Float64Array.from(samples[i]!.accepted).sort(), 50),
      spread: (sorted[sorted.length - 1]! - sorted[0]!) / median,
      seconds: samples[i]!.ns / 1e9,
    };
  });
}

/** Open loop at `rate` publishes per second, each timed until its jobs are in Redis; then waits for every handler call. */
async function measureLatency(subject: DeliverySubject, plan: Plan, rate: number): Promise<PacedRun> {
  await timedRound(subject, makeEvents(plan.warmup));
  const events = makeEvents(Math.max(1, Math.round(rate * plan.latencySeconds)));
  collectGarbage?.();
  const done = subject.counter.expect(events.length * subject.handlers, ROUND_TIMEOUT_MS);
  const [paced] = await Promise.all([runPaced(rate, plan.latencySeconds * 1_000, (i) => subject.sendOne(events[i]!)), done]);
  return paced;
}

/** Half our measured peak, rounded to 100 events/s; the fallback when this run did not measure it. */
function latencyRate(results: readonly ThroughputResult[]): { rate: number; from: string } {
  const peak = results.find((r) => r.benchCase.id === 'throughput.ours')?.perSecond;
  if (peak === undefined)
    return { rate: FALLBACK_RATE, from: `a fixed ${formatInteger(FALLBACK_RATE)} events/s (throughput.ours was not run)` };
  return { rate: Math.max(100, Math.round(peak / 2 / 100) * 100), from: `half of ours’ peak (${formatInteger(peak)} events/s)` };
}

function throughputTable(results: readonly ThroughputResult[]): string {
  const rateOf = (id: string | undefined) => results.find((r) => r.benchCase.id === id)?.perSecond;
  const columns: Column<ThroughputResult>[] = [
    { header: 'Case', cell: (r) => r.benchCase.label },
    { header: 'Handlers', align: 'right', cell: (r) => String(r.benchCase.handlers) },
    { header: 'Events', align: 'right', cell: (r) => formatCount(r.events) },
    { header: 'events/s', align: 'right', cell: (r) => formatInteger(r.perSecond) },
    { header: 'jobs/s', align: 'right', cell: (r) => formatInteger(r.perSecond * r.benchCase.handlers) },
    { header: 'spread', align: 'right', cell: (r) => formatPercent(r.spread) },
    { header: 'in Redis, events/s', align: 'right', cell: (r) => formatInteger(r.acceptedPerSecond) },
    {
      header: 'ours / raw',
      align: 'right',
      cell: (r) => (r.benchCase.anchor ? formatRatio(ratio(r.perSecond, rateOf(r.benchCase.anchor))) : '–'),
    },
  ];
  return markdownTable(columns, results);
}

const ms = (micros: number): string => (micros / 1_000).toFixed(2);

function latencyTable(results: readonly LatencyResult[]): string {
  const p99Of = (id: string | undefined) => results.find((r) => r.benchCase.id === id)?.paced.latency.p99;
  const columns: Column<LatencyResult>[] = [
    { header: 'Case', cell: (r) => r.benchCase.label },
    { header: 'target/s', align: 'right', cell: (r) => formatInteger(r.paced.targetPerSecond) },
    { header: 'achieved/s', align: 'right', cell: (r) => formatInteger(r.paced.achievedPerSecond) },
    { header: 'Publishes', align: 'right', cell: (r) => formatCount(r.paced.operations) },
    { header: 'p50 ms', align: 'right', cell: (r) => ms(r.paced.latency.p50) },
    { header: 'p90 ms', align: 'right', cell: (r) => ms(r.paced.latency.p90) },
    { header: 'p99 ms', align: 'right', cell: (r) => ms(r.paced.latency.p99) },
    { header: 'max ms', align: 'right', cell: (r) => ms(r.paced.latency.max) },
    { header: 'start lag p99 ms', align: 'right', cell: (r) => ms(r.paced.startLag.p99) },
    {
      header: 'p99 ours / raw',
      align: 'right',
      cell: (r) => (r.benchCase.anchor ? formatRatio(ratio(r.paced.latency.p99, p99Of(r.benchCase.anchor))) : '–'),
    },
  ];
  return markdownTable(columns, results);
}

function targetLines(throughput: readonly ThroughputResult[], latency: readonly LatencyResult[]): string[] {
  const find = (id: string) => throughput.find((r) => r.benchCase.id === id);
  const lines: string[] = [];
  const ourPeak = find('throughput.ours');
  const rawPeak = find('throughput.raw');
  const value = ourPeak && ratio(ourPeak.perSecond, rawPeak?.perSecond);
  const profile = (id: string) => `profile with \`node --cpu-prof bench/dist/bullmq-delivery.bench.js --only=${id}\``;
  if (ourPeak === undefined || value === undefined) {
    lines.push(`- throughput, 1 handler, ours / raw BullMQ: target ≥ ${formatRatio(TARGET_RATIO)}, not measured in this run`);
  } else {
    lines.push(
      `- throughput, 1 handler, ours / raw BullMQ: ${formatRatio(value)} (target ≥ ${formatRatio(TARGET_RATIO)}) ${
        value >= TARGET_RATIO ? 'met' : `MISSED; ${profile('throughput.ours')}`
      }`,
    );
  }
  if (ourPeak === undefined) {
    lines.push(`- throughput, 1 handler: target ≥ ${formatInteger(TARGET_EVENTS_PER_SECOND)} events/s, not measured in this run`);
  } else {
    const met = ourPeak.perSecond >= TARGET_EVENTS_PER_SECOND;
    lines.push(
      `- throughput, 1 handler: ${formatInteger(ourPeak.perSecond)} events/s (target ≥ ${formatInteger(TARGET_EVENTS_PER_SECOND)} on 2 cores, this machine has ${
        machineInfo().cores
      }) ${met ? 'met' : `MISSED; ${profile('throughput.ours')}`}`,
    );
  }
  const published = latency.find((r) => r.benchCase.id === 'latency.ours');
  if (published === undefined) {
    lines.push(`- publish p99 at half the peak rate: target < ${TARGET_P99_MS} ms, not measured in this run`);
  } else {
    const p99 = published.paced.latency.p99 / 1_000;
    lines.push(
      `- publish p99 at ${formatInteger(published.paced.achievedPerSecond)} events/s: ${p99.toFixed(2)} ms (target < ${TARGET_P99_MS} ms) ${
        p99 < TARGET_P99_MS ? 'met' : `MISSED; ${profile('latency.ours')}`
      }`,
    );
  }
  const noInbox = find('throughput.ours-no-inbox');
  if (ourPeak && noInbox) {
    lines.push(
      `- diagnostic: the inbox costs ${formatPercent(1 - ourPeak.perSecond / noInbox.perSecond)} of throughput (inbox on / off ${formatRatio(
        ratio(ourPeak.perSecond, noInbox.perSecond),
      )}); off / raw ${formatRatio(ratio(noInbox.perSecond, rawPeak?.perSecond))}`,
    );
  }
  return lines;
}

const NOTES = [
  `Both sides run in this process against the same Redis, each case under its own key prefix with its own connections. The cases of one kind are started together and take turns, round by round in rotating order, so load from elsewhere on the machine lands on every side alike; they are closed and their keys deleted before the next kind. Workers have concurrency ${WORKER_CONCURRENCY}; handlers and the raw processor are no-op async functions that count their calls, and every count is checked.`,
  `Ours: a Nest application context with \`EventsModule.forRoot({ unknownEvents: 'allow', defaultMode: 'async', logHandlers: false, delivery: new BullMqDelivery({ connection, prefix, concurrency: ${WORKER_CONCURRENCY} }), ...OBSERVABILITY_OFF })\` (observability off, as raw BullMQ observes nothing; \`npm run bench:observability\` measures what it adds) and \`@OnDomainEvent\` handlers. A publish resolves once its jobs are in Redis; the driver coalesces the jobs of concurrent publishes into one \`addBulk\` per event-loop turn, up to ${JOBS_PER_BULK}. Each job carries the event’s JSON and has the pair id as \`jobId\`, the handler’s retry policy as \`attempts\` with a custom backoff, \`removeOnComplete: true\`. Its worker revives the event, checks the inbox before and records the pair after the handler (both coalesced per event-loop turn: one MGET, one SET NX PX script), unless \`inbox: false\`.`,
  `Raw BullMQ: one \`Queue\` and one \`Worker\` with the same job JSON, \`jobId\` and \`removeOnComplete: true\`, nothing else: no Nest, no retries, no inbox. It is the least durable delivery on BullMQ can cost.`,
  `Throughput: events are built with \`createDomainEvent\` before the clock; a round runs from the first send until the handler (or worker) has been called for every job. Both sides keep ${formatInteger(EVENTS_IN_FLIGHT)} events in flight: ours as that many concurrent \`publish\` calls, raw as concurrent \`addBulk\` calls of ${JOBS_PER_BULK} jobs. events/s is the median of the timed rounds after a warm-up; spread is (fastest − slowest) / median; “in Redis” is the rate at which the sends themselves resolved (the producer side alone, while the worker already competes for the CPU).`,
  `Fan-out: 1 event to ${FANOUT} handlers is ${FANOUT} jobs, so those rows send a fifth of the events for the same number of jobs; raw adds the same ${FANOUT} jobs per event.`,
  'Latency: open loop, not back to back. A 1 ms timer starts every publish whose slot has come (calls sharing a tick start together, as concurrent requests would), whether or not earlier ones have resolved; each is timed from its call until it resolves, i.e. until its jobs are in Redis. The raw anchor calls `queue.add` per event at the same rate. “achieved” counts publishes over the time from the first call to the last resolution; “start lag” is how late calls started against the schedule (timer granularity and a busy event loop: the time a caller would wait on top of p99).',
];

async function main(): Promise<void> {
  const options = parseBenchOptions();
  const machine = machineInfo();
  const plan = PLANS[options.quick ? 'quick' : 'normal'];
  const wanted = options.only?.split(',');
  const cases = wanted === undefined ? CASES : CASES.filter((c) => wanted.includes(c.id) || wanted.includes(c.kind));
  if (cases.length === 0) throw new Error(`--only=${options.only} matches no case; ids: ${CASES.map((c) => c.id).join(', ')}`);

  const started = process.hrtime.bigint();
  // One unique prefix per run, then `<kind>.<side>` per case: a cleanup by prefix can never touch anyone else's keys.
  const runPrefix = `bench-bullmq-${randomBytes(4).toString('hex')}`;
  const admin = await connectAdmin(connection);
  const throughput: ThroughputResult[] = [];
  const latency: LatencyResult[] = [];
  let server: string;
  let rateNote = '';
  let done = 0;
  const progress = (id: string, text: string) => console.error(`[${++done}/${cases.length}] ${id}: ${text}`);
  try {
    server = await describeRedis(admin, connection);
    for (const kind of KINDS) {
      const group = cases.filter((c) => c.kind === kind);
      if (group.length === 0) continue;
      await withSubjects(group, `${runPrefix}.${kind}`, admin, async (running) => {
        if (kind !== 'latency') {
          for (const result of await measureThroughput(running, plan)) {
            throughput.push(result);
            progress(
              result.benchCase.id,
              `${formatInteger(result.perSecond)} events/s, spread ${formatPercent(result.spread)} (${result.seconds.toFixed(2)} s timed)`,
            );
          }
          return;
        }
        const { rate, from } = latencyRate(throughput);
        rateNote = from;
        for (const { benchCase, subject } of running) {
          const paced = await measureLatency(subject, plan, rate);
          latency.push({ benchCase, paced });
          progress(
            benchCase.id,
            `p50 ${ms(paced.latency.p50)} ms, p99 ${ms(paced.latency.p99)} ms at ${formatInteger(paced.achievedPerSecond)}/s`,
          );
        }
      });
    }
  } finally {
    const left = await deleteKeys(admin, runPrefix);
    if (left > 0) console.error(`deleted ${left} leftover keys under ${runPrefix}`);
    await admin.quit();
  }
  const totalSeconds = Number(process.hrtime.bigint() - started) / 1e9;

  const lines = [
    '## Durable delivery on BullMQ: ours vs raw BullMQ',
    '',
    describeMachine(machine),
    `${server}, in the same machine; key prefix ${runPrefix}.* (deleted afterwards).`,
    `Run: ${options.quick ? '--quick (fewer events; numbers are indicative only)' : 'normal'}, ${totalSeconds.toFixed(1)} s${
      options.only === undefined ? '' : `, --only=${options.only}`
    }; ${formatInteger(plan.events)} jobs per throughput round, median of ${plan.rounds} rounds after ${formatInteger(plan.warmup)} warm-up jobs.`,
    '',
    ...(throughput.length === 0 ? [] : ['### Throughput, end to end', '', throughputTable(throughput), '']),
    ...(latency.length === 0
      ? []
      : [`### Publish latency, open loop for ${plan.latencySeconds} s at ${rateNote}`, '', latencyTable(latency), '']),
    '### Targets (reported, not asserted)',
    '',
    ...targetLines(throughput, latency),
    '',
    '### Notes',
    '',
    ...NOTES.map((note) => `- ${note}`),
  ];
  console.log(lines.join('\n'));
}

runBench(main);
