// Publish latency with the durable log on: `EventBus.publish` with no store, the in-memory store and
// PostgresEventStore, against raw `pg` sending the same single-row INSERT and then calling the handler itself, which is
// the least a persisted publish can cost. Run with `npm run bench:publish` (or `-- --quick`); it needs PostgreSQL at
// POSTGRES_URL and is never part of the test suite, because timings on shared machines are not assertions.
import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventBus, EventsModule, OnDomainEvent, createDomainEvent, type DomainEvent, type EventsModuleOptions } from '@webnovel/events';
import { PostgresEventStore } from '@webnovel/events-postgres';
import { randomBytes } from 'node:crypto';
import type { InProcessSubject } from './in-process/in-process.subject.js';
import { parseBenchOptions } from './support/cli-options.js';
import { OBSERVABILITY_OFF } from './support/observability-off.js';
import { CompletionCounter } from './support/completion-counter.js';
import { formatCount, formatInteger, formatMicros, formatPercent, formatRatio } from './support/format.js';
import { measure, type Measurement, type MeasurementPlan } from './support/harness.js';
import { describeMachine, machineInfo } from './support/machine.js';
import { ratio } from './support/stats.js';
import { markdownTable, type Column } from './support/table.js';
import { insertOneSql, markDispatchedSql, rawRowValues } from './support/raw-pg.js';
import { runBench } from './support/run-bench.js';

const POSTGRES_URL = process.env.POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const EVENT_TYPE = 'chapter.purchased';
const BATCH_SIZE = 100;
const TARGET_RATIO = 0.8;

interface BenchCase {
  /** Matched by `--only`, as is the kind. */
  readonly id: string;
  readonly kind: 'in-memory' | 'postgres';
  readonly label: string;
  /** Events per operation: 1 for `publish`, `BATCH_SIZE` for `publishAll`. */
  readonly eventsPerOperation: number;
  /** Operations of a normal run, sized so the whole run stays under a minute on 2 cores. */
  readonly plan: MeasurementPlan;
  /** Sets the subject up around the pre-built events (a fresh one per publish) and the pool of the run. */
  readonly start: (events: readonly DomainEvent[], pool: PostgresEventStore['pool']) => Promise<InProcessSubject>;
}

interface CaseResult {
  readonly benchCase: BenchCase;
  readonly measurement: Measurement;
}

// Fast cases get many operations so the median round is not decided by one GC pause; Postgres cases are bounded by
// the commit (a WAL flush) of every single-row INSERT.
const CASES: readonly BenchCase[] = [
  {
    id: 'none',
    kind: 'in-memory',
    label: '`publish`, no store (baseline)',
    eventsPerOperation: 1,
    plan: { warmup: 20_000, operations: 200_000, latencySamples: 20_000 },
    start: (events) => startBus('none', events, 1),
  },
  {
    id: 'memory',
    kind: 'in-memory',
    label: "`publish`, `store: 'memory'`",
    eventsPerOperation: 1,
    plan: { warmup: 20_000, operations: 200_000, latencySamples: 20_000 },
    start: (events) => startBus('memory', events, 1),
  },
  {
    id: 'postgres.raw',
    kind: 'postgres',
    label: 'raw pg: the same INSERT, then the handler called directly',
    eventsPerOperation: 1,
    plan: { warmup: 500, operations: 5_000, latencySamples: 5_000 },
    start: (events, pool) => startRaw(events, pool, false),
  },
  {
    id: 'postgres.raw-mark',
    kind: 'postgres',
    label: 'raw pg: as above, plus the UPDATE marking it dispatched, not awaited (diagnostic)',
    eventsPerOperation: 1,
    plan: { warmup: 500, operations: 5_000, latencySamples: 5_000 },
    start: (events, pool) => startRaw(events, pool, true),
  },
  {
    id: 'postgres.publish',
    kind: 'postgres',
    label: '`publish`, PostgresEventStore',
    eventsPerOperation: 1,
    plan: { warmup: 500, operations: 5_000, latencySamples: 5_000 },
    start: (events, pool) => startBus(pool, events, 1),
  },
  {
    id: 'postgres.publish-all',
    kind: 'postgres',
    label: `\`publishAll(${BATCH_SIZE})\`, PostgresEventStore (latency per call)`,
    eventsPerOperation: BATCH_SIZE,
    plan: { warmup: 50, operations: 500, latencySamples: 300 },
    start: (events, pool) => startBus(pool, events, BATCH_SIZE),
  },
];

@Module({})
class PersistedPublishBenchModule {}

/** A sync no-op handler that counts its calls. Declared per subject so no two applications share a class or counter. */
function handlerClass(counter: CompletionCounter) {
  @Injectable()
  class ChapterPurchasedHandler {
    @OnDomainEvent(EVENT_TYPE, { name: 'bench.chapter_purchased' })
    handle(_event: DomainEvent): void {
      counter.hit();
    }
  }
  return ChapterPurchasedHandler;
}

/** `count` distinct small events (about 300 bytes as JSON), built before any clock starts. */
function makeEvents(count: number): DomainEvent[] {
  return Array.from({ length: count }, (_, i) =>
    createDomainEvent({
      type: EVENT_TYPE,
      source: 'bench',
      data: { purchaseId: `purchase-${i}`, readerId: `reader-${i % 1000}`, chapterId: 'chapter-1337', amountMinor: 199, currency: 'EUR' },
      metadata: { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
    }),
  );
}

/** A fresh, randomly named table with the store's own DDL, so an interrupted run never collides with a later one. */
async function freshStore(pool: PostgresEventStore['pool']): Promise<PostgresEventStore> {
  const store = new PostgresEventStore({ pool, table: `bench_publish_${randomBytes(6).toString('hex')}` });
  await store.ensureSchema();
  return store;
}

async function dropTable(store: PostgresEventStore): Promise<void> {
  await store.pool.query(`DROP TABLE IF EXISTS ${store.tableName}`);
}

/** Hands out the pre-built events in order; `close` checks that every one was published exactly once. */
function eventSource(events: readonly DomainEvent[], perOperation: number) {
  let next = 0;
  return {
    one: (): DomainEvent => events[next++]!,
    batch: (): DomainEvent[] => events.slice(next, (next += perOperation)),
    verify: (): void => {
      if (next !== events.length) throw new Error(`published ${next} of ${events.length} pre-built events`);
    },
  };
}

/** Our EventBus in its own application context, with the given store (a fresh table for Postgres) and one sync handler. */
async function startBus(
  store: 'none' | 'memory' | PostgresEventStore['pool'],
  events: readonly DomainEvent[],
  perOperation: number,
): Promise<InProcessSubject> {
  const counter = new CompletionCounter();
  const postgres = typeof store === 'object' ? await freshStore(store) : undefined;
  const options: EventsModuleOptions = {
    source: 'bench',
    unknownEvents: 'allow',
    logHandlers: false,
    outbox: { enabled: false },
    ...OBSERVABILITY_OFF,
    ...(store === 'none' ? {} : { store: postgres ?? 'memory' }),
  };
  try {
    const app = await NestFactory.createApplicationContext(
      { module: PersistedPublishBenchModule, imports: [EventsModule.forRoot(options)], providers: [handlerClass(counter)] },
      { logger: false },
    );
    const bus = app.get(EventBus);
    await bus.waitUntilReady();
    const source = eventSource(events, perOperation);
    const run = perOperation === 1 ? (): Promise<void> => bus.publish(source.one()) : (): Promise<void> => bus.publishAll(source.batch());
    return {
      workload: { run, expect: (operations) => counter.expect(operations * perOperation) },
      close: async () => {
        try {
          // Also waits for the background markDispatched writes; the store's pool is ours, so it stays open.
          await app.close();
        } finally {
          if (postgres) await dropTable(postgres);
        }
        counter.verify();
        source.verify();
      },
    };
  } catch (error) {
    if (postgres) await dropTable(postgres);
    throw error;
  }
}

/**
 * The anchor: one prepared INSERT per event through the store's pool, then the handler called directly. No Nest, no
 * bus. With `mark`, it then sends the UPDATE the bus's markDispatched sends, without awaiting it, as the bus does: the
 * gap between the two anchors is the price of that second commit, and the gap left after it is the bus's own.
 */
async function startRaw(events: readonly DomainEvent[], pool: PostgresEventStore['pool'], mark: boolean): Promise<InProcessSubject> {
  const counter = new CompletionCounter();
  const store = await freshStore(pool);
  const handler = new (handlerClass(counter))();
  // pg prepares a named statement once per connection; the name changes with the table, as the store's hashed names do.
  const suffix = store.tableName.replace(/\W/g, '');
  const insert = { name: `raw_publish_${suffix}`, text: insertOneSql(store.tableName) };
  const update = { name: `raw_mark_${suffix}`, text: markDispatchedSql(store.tableName) };
  const inFlight = new Set<Promise<unknown>>();
  const source = eventSource(events, 1);
  const run = async (): Promise<void> => {
    const e = source.one();
    await store.pool.query({
      ...insert,
      values: rawRowValues(e),
    });
    handler.handle(e);
    if (mark) {
      const marking = store.pool.query({ ...update, values: [[e.id], new Date()] });
      inFlight.add(marking);
      void marking.finally(() => inFlight.delete(marking));
    }
  };
  return {
    workload: { run, expect: (operations) => counter.expect(operations) },
    close: async () => {
      await Promise.all(inFlight);
      await dropTable(store);
      counter.verify();
      source.verify();
    },
  };
}

function planFor(plan: MeasurementPlan, quick: boolean): MeasurementPlan {
  if (!quick) return plan;
  const tenth = (n: number) => Math.max(1, Math.round(n / 10));
  return { warmup: tenth(plan.warmup), operations: tenth(plan.operations), latencySamples: tenth(plan.latencySamples) };
}

async function runCase(benchCase: BenchCase, plan: MeasurementPlan, pool: PostgresEventStore['pool']): Promise<Measurement> {
  const events = makeEvents((plan.warmup + plan.operations + plan.latencySamples) * benchCase.eventsPerOperation);
  const subject = await benchCase.start(events, pool);
  try {
    return await measure(subject.workload, plan);
  } finally {
    await subject.close();
  }
}

function table(results: readonly CaseResult[]): string {
  const eventRate = (r: CaseResult) => r.measurement.perSecond * r.benchCase.eventsPerOperation;
  const rateOf = (id: string) => {
    const found = results.find((r) => r.benchCase.id === id);
    return found && eventRate(found);
  };
  const columns: Column<CaseResult>[] = [
    { header: 'Case', cell: (r) => r.benchCase.label },
    { header: 'Events', align: 'right', cell: (r) => formatCount(r.measurement.operations * r.benchCase.eventsPerOperation) },
    { header: 'events/s', align: 'right', cell: (r) => formatInteger(eventRate(r)) },
    { header: 'spread', align: 'right', cell: (r) => formatPercent(r.measurement.spread) },
    { header: 'p50 µs', align: 'right', cell: (r) => formatMicros(r.measurement.latency.p50) },
    { header: 'p99 µs', align: 'right', cell: (r) => formatMicros(r.measurement.latency.p99) },
    {
      header: 'ours / raw pg',
      align: 'right',
      cell: (r) => (r.benchCase.id === 'postgres.publish' ? formatRatio(ratio(eventRate(r), rateOf('postgres.raw'))) : '–'),
    },
  ];
  return markdownTable(columns, results);
}

/** `183.5` → `+183.50`, `-5.2` → `−5.20`: a latency difference in microseconds. */
const signedMicros = (value: number): string => `${value < 0 ? '−' : '+'}${formatMicros(Math.abs(value))}`;

function targetLines(results: readonly CaseResult[]): string[] {
  const find = (id: string) => results.find((r) => r.benchCase.id === id)?.measurement;
  const ours = find('postgres.publish');
  const raw = find('postgres.raw');
  const value = ours && ratio(ours.perSecond, raw?.perSecond);
  if (ours === undefined || raw === undefined || value === undefined) {
    return [`- \`publish\` with PostgresEventStore / raw pg: target ≥ ${formatRatio(TARGET_RATIO)}, not measured in this run`];
  }
  const verdict =
    value >= TARGET_RATIO ? 'met' : 'MISSED; profile with `node --cpu-prof bench/dist/persisted-publish.bench.js --only=postgres.publish`';
  const marked = find('postgres.raw-mark');
  return [
    `- \`publish\` with PostgresEventStore / raw pg: ${formatRatio(value)} (target ≥ ${formatRatio(TARGET_RATIO)}) ${verdict}`,
    `- latency over raw pg: p50 ${signedMicros(ours.latency.p50 - raw.latency.p50)} µs, p99 ${signedMicros(ours.latency.p99 - raw.latency.p99)} µs`,
    ...(marked === undefined
      ? []
      : [
          `- diagnostic: raw pg plus the background UPDATE / raw pg ${formatRatio(ratio(marked.perSecond, raw.perSecond))}; \`publish\` / that ${formatRatio(
            ratio(ours.perSecond, marked.perSecond),
          )}, p50 ${signedMicros(ours.latency.p50 - marked.latency.p50)} µs`,
        ]),
  ];
}

const NOTES = [
  'Each case boots its own Nest application context with `EventsModule.forRoot({ unknownEvents: "allow", store, outbox: { enabled: false }, ...OBSERVABILITY_OFF })` and one sync no-op `@OnDomainEvent` handler; every handler call is counted and checked.',
  'Every publish gets a fresh event built with `createDomainEvent` before the clock starts: appends are idempotent per id, so republishing one event would store nothing.',
  'Every publish is awaited before the next one starts. events/s is the median of 5 equal timed rounds; spread is (fastest − slowest round) / median; p50/p99 come from separately timed publishes (`process.hrtime.bigint()`, timer included), after an untimed warm-up.',
  '`publish` with a store appends the event, runs the handler, then queues its dispatch mark; marks are written behind, one UPDATE per 20 ms or 500 events. The raw anchor does only the INSERT and the handler call, the least a persisted publish must cost. The diagnostic row adds one UPDATE per event, not awaited, to the anchor: what the bus cost before marks were batched.',
  'Raw pg runs on the same pool with a named (prepared) statement, as the store does. Each Postgres case writes to its own fresh table with the store’s indexes, dropped afterwards.',
  `\`publishAll(${BATCH_SIZE})\` appends the batch in one statement (unnest), runs the handler for each event in order, then marks all ${BATCH_SIZE} dispatched in one UPDATE; its latency is per call.`,
];

async function main(): Promise<void> {
  const options = parseBenchOptions();
  const machine = machineInfo();
  const wanted = options.only?.split(',');
  const cases = wanted === undefined ? CASES : CASES.filter((c) => wanted.includes(c.id) || wanted.includes(c.kind));
  if (cases.length === 0) throw new Error(`--only=${options.only} matches no case; ids: ${CASES.map((c) => c.id).join(', ')}`);

  const started = process.hrtime.bigint();
  // One pool for the whole run, passed to every store, so closing an application never ends it.
  const base = new PostgresEventStore({ connectionString: POSTGRES_URL });
  const results: CaseResult[] = [];
  let server: string | undefined;
  try {
    if (cases.some((c) => c.kind === 'postgres')) {
      const { rows } = await base.pool.query<{ version: string; sync: string }>(
        "SELECT split_part(version(), ' on ', 1) AS version, current_setting('synchronous_commit') AS sync",
      );
      server = `${rows[0]!.version}, synchronous_commit=${rows[0]!.sync}, on 127.0.0.1`;
    }
    for (const [i, benchCase] of cases.entries()) {
      const measurement = await runCase(benchCase, planFor(benchCase.plan, options.quick), base.pool);
      results.push({ benchCase, measurement });
      console.error(
        `[${i + 1}/${cases.length}] ${benchCase.id}: ${formatInteger(measurement.perSecond * benchCase.eventsPerOperation)} events/s, spread ${formatPercent(
          measurement.spread,
        )} (${(measurement.elapsedNs / 1e9).toFixed(2)} s timed)`,
      );
    }
  } finally {
    await base.close();
  }
  const totalSeconds = Number(process.hrtime.bigint() - started) / 1e9;

  const lines = [
    '## Publish with the store on',
    '',
    describeMachine(machine),
    ...(server === undefined ? [] : [`PostgreSQL: ${server}`]),
    `Run: ${options.quick ? '--quick (a tenth of the work; numbers are indicative only)' : 'normal'}, ${totalSeconds.toFixed(1)} s${
      options.only === undefined ? '' : `, --only=${options.only}`
    }.`,
    '',
    table(results),
    '',
    '### Targets (reported, not asserted)',
    '',
    ...targetLines(results),
    '',
    '### Notes',
    '',
    ...NOTES.map((note) => `- ${note}`),
  ];
  console.log(lines.join('\n'));
}

runBench(main);
