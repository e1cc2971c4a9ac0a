// RabbitMqTransport against raw rabbitmq-client, end to end on the local broker: publish (confirmed) → RabbitMQ →
// consumer → host.receive (a no-op that counts), side by side in one run. Run with `npm run bench:rabbitmq` (or
// `-- --quick`); it needs RabbitMQ at RABBITMQ_URL (amqp://guest:guest@127.0.0.1:5672). Timings are not assertions.
import { createDomainEvent, type DomainEvent } from '@webnovel/events';
import { randomBytes } from 'node:crypto';
import { startOurs } from './rabbitmq/ours.subject.js';
import { startRaw } from './rabbitmq/raw.subject.js';
import { BATCH_SIZE, CONCURRENCY, EVENT_TYPE, PREFETCH, PUBLISHES_IN_FLIGHT, type TransportSubject } from './rabbitmq/transport.subject.js';
import { brokerCpu } from './support/broker-cpu.js';
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
  readonly id: 'raw' | 'raw-nodelay' | 'raw-props' | 'ours' | 'ours-nagle' | 'ours-batch';
  readonly label: string;
  readonly start: (name: string) => Promise<TransportSubject>;
  /** Publishes BATCH_SIZE events per call instead of one; left out of the latency run, which publishes one at a time. */
  readonly batch?: boolean;
}

const SIDES: readonly Side[] = [
  {
    id: 'raw',
    label: 'raw rabbitmq-client: confirm publisher + consumer (quorum queue), client default (Nagle on)',
    start: (name) => startRaw(url, name),
  },
  { id: 'raw-nodelay', label: 'raw, `noDelay: true` (the socket setting ours defaults to)', start: (name) => startRaw(url, name, true) },
  {
    id: 'raw-props',
    label: 'raw, `noDelay: true`, with ours’ properties and headers (the message format alone)',
    start: (name) => startRaw(url, name, true, true),
  },
  {
    id: 'ours',
    label: 'ours: `RabbitMqTransport.publish([event])` → consumer → `host.receive` (noDelay, default)',
    start: (name) => startOurs(url, name),
  },
  { id: 'ours-nagle', label: 'ours, `noDelay: false` (the socket setting raw uses)', start: (name) => startOurs(url, name, false) },
  {
    id: 'ours-batch',
    label: `ours, \`publish\` of ${BATCH_SIZE} events per call (noDelay)`,
    start: (name) => startOurs(url, name),
    batch: true,
  },
];

/** Process CPU and, with a local broker, broker CPU, per round. */
const readBroker = brokerCpu();
const cpuMicros = (): number => {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
};

const makeEvents = (count: number): DomainEvent[] =>
  Array.from({ length: count }, (_, i) =>
    createDomainEvent({
      type: EVENT_TYPE,
      data: { n: i },
      source: 'bench',
      metadata: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
    }),
  );

interface Round {
  readonly ns: number;
  /** This process's CPU (publisher, consumer and everything else in it), microseconds per message. */
  readonly clientCpu: number;
  /** The broker's CPU, microseconds per message; NaN without a local broker process. */
  readonly brokerCpu: number;
}

/** Sends every event with PUBLISHES_IN_FLIGHT messages in flight; measures until the last was consumed. */
async function round(side: Side, subject: TransportSubject, events: readonly DomainEvent[]): Promise<Round> {
  const done = subject.counter.expect(events.length, ROUND_TIMEOUT_MS);
  const cpu0 = cpuMicros();
  const broker0 = readBroker?.() ?? NaN;
  const start = process.hrtime.bigint();
  const sending = side.batch
    ? runWindowed(Math.ceil(events.length / BATCH_SIZE), PUBLISHES_IN_FLIGHT / BATCH_SIZE, (i) =>
        subject.sendBatch(events.slice(i * BATCH_SIZE, (i + 1) * BATCH_SIZE)),
      )
    : runWindowed(events.length, PUBLISHES_IN_FLIGHT, (i) => subject.sendOne(events[i]!));
  await Promise.all([sending, done]);
  const ns = Number(process.hrtime.bigint() - start);
  return { ns, clientCpu: (cpuMicros() - cpu0) / events.length, brokerCpu: ((readBroker?.() ?? NaN) - broker0) / events.length };
}

interface Throughput {
  readonly side: Side;
  readonly perSecond: number;
  readonly spread: number;
  readonly clientCpu: number;
  readonly brokerCpu: number;
}

const median = (values: readonly number[]): number => percentile(Float64Array.from(values).sort(), 50);

async function throughput(subjects: readonly { side: Side; subject: TransportSubject }[], plan: Plan): Promise<Throughput[]> {
  for (const { side, subject } of subjects) await round(side, subject, makeEvents(plan.warmup));
  const rounds = subjects.map(() => [] as Round[]);
  for (let r = 0; r < plan.rounds; r++)
    for (let turn = 0; turn < subjects.length; turn++) {
      // Rotating order, so drift on a shared machine lands on every side alike.
      const index = (r + turn) % subjects.length;
      const { side, subject } = subjects[index]!;
      rounds[index]!.push(await round(side, subject, makeEvents(plan.events)));
    }
  return subjects.map(({ side }, i) => {
    const rates = rounds[i]!.map((x) => perSecond(plan.events, x.ns));
    const rate = median(rates);
    return {
      side,
      perSecond: rate,
      spread: (Math.max(...rates) - Math.min(...rates)) / rate,
      clientCpu: median(rounds[i]!.map((x) => x.clientCpu)),
      brokerCpu: median(rounds[i]!.map((x) => x.brokerCpu)),
    };
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
    for (const r of results)
      console.error(
        `${r.side.id}: ${formatInteger(r.perSecond)} msgs/s, spread ${formatPercent(r.spread)}, cpu ${r.clientCpu.toFixed(0)} + broker ${r.brokerCpu.toFixed(0)} µs/msg`,
      );
    const ours = results.find((r) => r.side.id === 'ours')!;
    rate = Math.max(100, Math.round(ours.perSecond / 2 / 100) * 100);
    for (const { side, subject } of subjects.filter((s) => !s.side.batch)) {
      paced.push({ side, run: await latency(subject, plan, rate) });
      console.error(`${side.id}: p99 ${ms(paced.at(-1)!.run.latency.p99)} ms at ${formatInteger(paced.at(-1)!.run.achievedPerSecond)}/s`);
    }
  } finally {
    for (const { subject } of subjects) await subject.close();
  }
  const rateOf = (id: Side['id']): number => results.find((r) => r.side.id === id)!.perSecond;
  const value = ratio(rateOf('ours'), rateOf('raw'))!;
  const sameSocket = (r: Throughput): number | undefined =>
    r.side.id.startsWith('raw') ? undefined : ratio(r.perSecond, rateOf(r.side.id === 'ours-nagle' ? 'raw' : 'raw-nodelay'));
  const throughputColumns: Column<Throughput>[] = [
    { header: 'Case', cell: (r) => r.side.label },
    { header: 'Messages', align: 'right', cell: () => formatCount(plan.events) },
    { header: 'msgs/s', align: 'right', cell: (r) => formatInteger(r.perSecond) },
    { header: 'spread', align: 'right', cell: (r) => formatPercent(r.spread) },
    { header: 'client CPU µs/msg', align: 'right', cell: (r) => r.clientCpu.toFixed(0) },
    { header: 'broker CPU µs/msg', align: 'right', cell: (r) => (Number.isFinite(r.brokerCpu) ? r.brokerCpu.toFixed(0) : '–') },
    { header: '/ raw', align: 'right', cell: (r) => (r.side.id === 'raw' ? '–' : formatRatio(ratio(r.perSecond, rateOf('raw')))) },
    { header: '/ raw, same socket setting', align: 'right', cell: (r) => (sameSocket(r) === undefined ? '–' : formatRatio(sameSocket(r))) },
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
      `- same socket setting: ours / raw with \`noDelay: true\` ${formatRatio(ratio(rateOf('ours'), rateOf('raw-nodelay')))}; ours with \`noDelay: false\` / raw ${formatRatio(ratio(rateOf('ours-nagle'), rateOf('raw')))}`,
      '',
      '### Notes',
      '',
      '- Client CPU is this whole process per message (publisher, consumer, the bench’s own event building); broker CPU is the local `beam.smp` per message, when there is one. With the broker on the same cores, their sum bounds the end-to-end rate. raw uses rabbitmq-client’s socket default (Nagle on); ours defaults to `noDelay: true`, which trades some throughput for publish latency (compare the latency rows). All sides run in this process on one broker, each with its own connection, exchange and quorum queue; rounds alternate in rotating order. Ours publishes one event per `publish` call (as the bus does per event) with its properties and headers (message id, type, correlation id, timestamp, app id, version, source, traceparent), revives every message with `deserializeEvent`, and records each outcome; raw sends the same JSON body with no headers and does nothing but count.',
    ].join('\n'),
  );
}

runBench(main);
