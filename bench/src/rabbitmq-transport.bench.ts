// RabbitMqTransport against raw rabbitmq-client, end to end on the local broker: publish (confirmed) → RabbitMQ →
// consumer → host.receive (a no-op that counts), side by side in one run. Run with `npm run bench:rabbitmq` (or
// `-- --quick`); it needs RabbitMQ at RABBITMQ_URL (amqp://guest:guest@127.0.0.1:5672). Timings are not assertions.
import { createDomainEvent, type DomainEvent } from '@webnovel/events';
import { randomBytes } from 'node:crypto';
import { startOurs } from './rabbitmq/ours.subject.js';
import { startRaw } from './rabbitmq/raw.subject.js';
import { CONCURRENCY, EVENT_TYPE, PREFETCH, PUBLISHES_IN_FLIGHT, type TransportSubject } from './rabbitmq/transport.subject.js';
import { parseBenchOptions } from './support/cli-options.js';
import { formatCount, formatInteger, formatPercent, formatRatio } from './support/format.js';
import { runPaced, runWindowed, type PacedRun } from './support/load.js';
import { describeMachine, machineInfo } from './support/machine.js';
import { runBench } from './support/run-bench.js';
import { percentile, perSecond, ratio } from './support/stats.js';
import { markdownTable, type Column } from './support/table.js';

const url = process.env.RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const TARGET_RATIO = 0.8;
const ROUND_TIMEOUT_MS = 120_000;

const PLANS = {
  normal: { events: 20_000, warmup: 2_000, rounds: 5, latencySeconds: 5 },
  quick: { events: 3_000, warmup: 500, rounds: 3, latencySeconds: 2 },
} as const;
type Plan = (typeof PLANS)[keyof typeof PLANS];

interface Side {
  readonly id: 'raw' | 'ours' | 'ours-nagle';
  readonly label: string;
  readonly start: (name: string) => Promise<TransportSubject>;
}

const SIDES: readonly Side[] = [
  { id: 'raw', label: 'raw rabbitmq-client: confirm publisher + consumer (quorum queue)', start: (name) => startRaw(url, name) },
  {
    id: 'ours',
    label: 'ours: `RabbitMqTransport.publish` → consumer → `host.receive` (noDelay, default)',
    start: (name) => startOurs(url, name),
  },
  { id: 'ours-nagle', label: 'ours, `noDelay: false` (the socket setting raw uses)', start: (name) => startOurs(url, name, false) },
];

const makeEvents = (count: number): DomainEvent[] =>
  Array.from({ length: count }, (_, i) =>
    createDomainEvent({
      type: EVENT_TYPE,
      data: { n: i },
      source: 'bench',
      metadata: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
    }),
  );

/** Sends every event with PUBLISHES_IN_FLIGHT in flight; resolves with the ns until the last was consumed. */
async function round(subject: TransportSubject, events: readonly DomainEvent[]): Promise<number> {
  const done = subject.counter.expect(events.length, ROUND_TIMEOUT_MS);
  const start = process.hrtime.bigint();
  await Promise.all([runWindowed(events.length, PUBLISHES_IN_FLIGHT, (i) => subject.sendOne(events[i]!)), done]);
  return Number(process.hrtime.bigint() - start);
}

interface Throughput {
  readonly side: Side;
  readonly perSecond: number;
  readonly spread: number;
}

async function throughput(subjects: readonly { side: Side; subject: TransportSubject }[], plan: Plan): Promise<Throughput[]> {
  for (const { subject } of subjects) await round(subject, makeEvents(plan.warmup));
  const rates = subjects.map(() => [] as number[]);
  for (let r = 0; r < plan.rounds; r++)
    for (let turn = 0; turn < subjects.length; turn++) {
      // Rotating order, so drift on a shared machine lands on both sides alike.
      const index = (r + turn) % subjects.length;
      const events = makeEvents(plan.events);
      rates[index]!.push(perSecond(events.length, await round(subjects[index]!.subject, events)));
    }
  return subjects.map(({ side }, i) => {
    const sorted = Float64Array.from(rates[i]!).sort();
    const median = percentile(sorted, 50);
    return { side, perSecond: median, spread: (sorted[sorted.length - 1]! - sorted[0]!) / median };
  });
}

async function latency(subject: TransportSubject, plan: Plan, rate: number): Promise<PacedRun> {
  const events = makeEvents(Math.max(1, Math.round(rate * plan.latencySeconds)));
  const done = subject.counter.expect(events.length, ROUND_TIMEOUT_MS);
  const [paced] = await Promise.all([runPaced(rate, plan.latencySeconds * 1_000, (i) => subject.sendOne(events[i]!)), done]);
  return paced;
}

const ms = (micros: number): string => (micros / 1_000).toFixed(2);

async function main(): Promise<void> {
  const options = parseBenchOptions();
  const plan = PLANS[options.quick ? 'quick' : 'normal'];
  const run = `bench-rmq-${randomBytes(4).toString('hex')}`;
  const started = process.hrtime.bigint();
  const subjects: { side: Side; subject: TransportSubject }[] = [];
  let results: Throughput[];
  const paced: { side: Side; run: PacedRun }[] = [];
  let rate: number;
  try {
    for (const side of SIDES) subjects.push({ side, subject: await side.start(`${run}.${side.id}`) });
    results = await throughput(subjects, plan);
    for (const r of results) console.error(`${r.side.id}: ${formatInteger(r.perSecond)} msgs/s, spread ${formatPercent(r.spread)}`);
    const ours = results.find((r) => r.side.id === 'ours')!;
    rate = Math.max(100, Math.round(ours.perSecond / 2 / 100) * 100);
    for (const { side, subject } of subjects) {
      paced.push({ side, run: await latency(subject, plan, rate) });
      console.error(`${side.id}: p99 ${ms(paced.at(-1)!.run.latency.p99)} ms at ${formatInteger(paced.at(-1)!.run.achievedPerSecond)}/s`);
    }
  } finally {
    for (const { subject } of subjects) await subject.close();
  }
  const raw = results.find((r) => r.side.id === 'raw')!;
  const ours = results.find((r) => r.side.id === 'ours')!;
  const value = ratio(ours.perSecond, raw.perSecond)!;
  const throughputColumns: Column<Throughput>[] = [
    { header: 'Case', cell: (r) => r.side.label },
    { header: 'Messages', align: 'right', cell: () => formatCount(plan.events) },
    { header: 'msgs/s', align: 'right', cell: (r) => formatInteger(r.perSecond) },
    { header: 'spread', align: 'right', cell: (r) => formatPercent(r.spread) },
    { header: 'ours / raw', align: 'right', cell: (r) => (r.side.id === 'raw' ? '–' : formatRatio(ratio(r.perSecond, raw.perSecond))) },
  ];
  const latencyColumns: Column<{ side: Side; run: PacedRun }>[] = [
    { header: 'Case', cell: (r) => r.side.label },
    { header: 'target/s', align: 'right', cell: (r) => formatInteger(r.run.targetPerSecond) },
    { header: 'achieved/s', align: 'right', cell: (r) => formatInteger(r.run.achievedPerSecond) },
    { header: 'p50 ms', align: 'right', cell: (r) => ms(r.run.latency.p50) },
    { header: 'p99 ms', align: 'right', cell: (r) => ms(r.run.latency.p99) },
    { header: 'max ms', align: 'right', cell: (r) => ms(r.run.latency.max) },
    { header: 'start lag p99 ms', align: 'right', cell: (r) => ms(r.run.startLag.p99) },
  ];
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(
    [
      '## RabbitMQ transport: ours vs raw rabbitmq-client',
      '',
      describeMachine(machineInfo()),
      `RabbitMQ at ${new URL(url).host}; exchanges and queues under ${run}.* (deleted afterwards).`,
      `Run: ${options.quick ? '--quick (indicative only)' : 'normal'}, ${seconds.toFixed(1)} s; ${formatInteger(plan.events)} messages per round, median of ${plan.rounds} rounds after ${formatInteger(plan.warmup)} warm-up; ${formatInteger(PUBLISHES_IN_FLIGHT)} publishes in flight; prefetch ${PREFETCH}, concurrency ${CONCURRENCY}.`,
      '',
      '### Throughput, publish → consumed, end to end',
      '',
      markdownTable(throughputColumns, results),
      '',
      `### Publish latency (until confirmed), open loop for ${plan.latencySeconds} s at ${formatInteger(rate)}/s (half of ours’ peak)`,
      '',
      markdownTable(latencyColumns, paced),
      '',
      '### Targets (reported, not asserted)',
      '',
      `- throughput ours / raw: ${formatRatio(value)} (target ≥ ${formatRatio(TARGET_RATIO)}) ${value >= TARGET_RATIO ? 'met' : 'MISSED'}`,
      `- throughput ours with \`noDelay: false\` / raw: ${formatRatio(ratio(results.find((r) => r.side.id === 'ours-nagle')!.perSecond, raw.perSecond))}`,
      '',
      '### Notes',
      '',
      '- raw uses rabbitmq-client’s socket default (Nagle on); ours defaults to `noDelay: true`, which trades some throughput for publish latency (compare the latency rows). All sides run in this process on one broker, each with its own connection, exchange and quorum queue; rounds alternate in rotating order. Ours publishes one event per `publish` call (as the bus does per event) with its properties and headers (message id, type, correlation id, timestamp, app id, version, source, traceparent), revives every message with `deserializeEvent`, and records each outcome; raw sends the same JSON body with no headers and does nothing but count.',
    ].join('\n'),
  );
}

runBench(main);
