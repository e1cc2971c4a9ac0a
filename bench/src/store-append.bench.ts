// Append throughput of the event stores: PostgresEventStore against the raw `pg` driver sending the very same INSERT
// statements to the same table shape, plus the in-memory store for scale. Run with `npm run bench:stores` (or
// `-- --quick`); it needs PostgreSQL at POSTGRES_URL and is never part of the test suite, because timings on shared
// machines are not assertions. Raw pg goes through the store's own pool, so `pg` stays imported by one lib only. The
// same PostgresEventStore also runs on the embedded PGlite (`openDatabase({})`, a pool of one), in the same rounds.
import { createDomainEvent, InMemoryEventStore, type DomainEvent, type EventStore } from '@webnovel/events';
import { eventLogMigrations, PostgresEventStore } from '@webnovel/events-postgres';
import { openDatabase } from '@webnovel/service-kit';
import { randomBytes } from 'node:crypto';
import { parseBenchOptions } from './support/cli-options.js';
import { formatCount, formatInteger, formatRatio } from './support/format.js';
import { describeMachine } from './support/machine.js';
import { ratio } from './support/stats.js';
import { markdownTable, type Column } from './support/table.js';
import { insertManySql, insertOneSql, rawRowValues } from './support/raw-pg.js';
import { runBench } from './support/run-bench.js';

const POSTGRES_URL = process.env.POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const BATCH_SIZE = 500;
/** Events per subject in a normal run; `--quick` runs a tenth. Sized so the whole run stays well under a minute on 2 cores. */
const SINGLE_EVENTS = 20_000;
const BATCHED_EVENTS = 200_000;
/**
 * Each Postgres subject runs in rounds interleaved raw, ours, ours, raw, …, so a drift of the disk, the server or a
 * neighbour's load over the run weighs on both alike.
 */
const ROUNDS = 4;
const TARGET_RATIO = 0.8;

type Mode = 'single' | 'batch';
type Kind = 'ours' | 'raw' | 'pglite' | 'memory';

interface Subject {
  /** `<kind>.<mode>`, matched by `--only` (as are the kind and `postgres.<mode>`). */
  readonly id: string;
  readonly kind: Kind;
  readonly mode: Mode;
  readonly label: string;
}

interface Result {
  readonly subject: Subject;
  readonly events: number;
  readonly elapsedNs: number;
}

const SUBJECTS: readonly Subject[] = [
  { id: 'ours.single', kind: 'ours', mode: 'single', label: 'PostgresEventStore: `await append(e)`, one at a time' },
  { id: 'raw.single', kind: 'raw', mode: 'single', label: 'raw pg: the same INSERT … VALUES, one at a time' },
  { id: 'ours.batch', kind: 'ours', mode: 'batch', label: `PostgresEventStore: \`await appendMany(${BATCH_SIZE})\`` },
  { id: 'raw.batch', kind: 'raw', mode: 'batch', label: `raw pg: the same INSERT … unnest of ${BATCH_SIZE}` },
  { id: 'pglite.single', kind: 'pglite', mode: 'single', label: 'PostgresEventStore on embedded PGlite: `await append(e)`' },
  {
    id: 'pglite.batch',
    kind: 'pglite',
    mode: 'batch',
    label: `PostgresEventStore on embedded PGlite: \`await appendMany(${BATCH_SIZE})\``,
  },
  { id: 'memory.single', kind: 'memory', mode: 'single', label: 'InMemoryEventStore: `await append(e)`' },
  { id: 'memory.batch', kind: 'memory', mode: 'batch', label: `InMemoryEventStore: \`await appendMany(${BATCH_SIZE})\`` },
];

/** A realistic small event: a purchase with a trace header, about 300 bytes as JSON. */
function makeEvents(count: number): DomainEvent[] {
  const start = Date.UTC(2026, 0, 1);
  return Array.from({ length: count }, (_, i) =>
    createDomainEvent({
      type: 'chapter.purchased',
      occurredAt: new Date(start + i),
      source: 'bench',
      data: { chapterId: `chapter-${i}`, novelId: 'novel-42', userId: `user-${i % 1000}`, priceCents: 199, currency: 'EUR' },
      metadata: { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
    }),
  );
}

const batches = (events: readonly DomainEvent[]): DomainEvent[][] =>
  Array.from({ length: Math.ceil(events.length / BATCH_SIZE) }, (_, i) => events.slice(i * BATCH_SIZE, (i + 1) * BATCH_SIZE));

/** Runs `work` and returns its duration in nanoseconds. */
async function timed(work: () => Promise<void>): Promise<number> {
  (globalThis as { gc?: () => void }).gc?.();
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start);
}

/** Appends `events` through the store, singly or in batches. */
async function appendWithStore(store: EventStore, mode: Mode, events: readonly DomainEvent[]): Promise<void> {
  if (mode === 'single') for (const e of events) await store.append(e);
  else for (const batch of batches(events)) await store.appendMany(batch);
}

/** Appends `events` with the raw driver on the store's pool and table: the same statements, mapped by hand. */
async function appendRaw(store: PostgresEventStore, mode: Mode, events: readonly DomainEvent[]): Promise<void> {
  // pg prepares a named statement once per connection; the name must change with the table, as the store's hashed names do.
  const suffix = store.tableName.replace(/\W/g, '');
  const one = { name: `raw_one_${suffix}`, text: insertOneSql(store.tableName) };
  const many = { name: `raw_many_${suffix}`, text: insertManySql(store.tableName) };
  if (mode === 'single') {
    for (const e of events) {
      await store.pool.query({
        ...one,
        values: rawRowValues(e),
      });
    }
    return;
  }
  for (const batch of batches(events)) {
    const values = [[], [], [], [], [], [], [], [], [], new Date().toISOString(), 'pending', null, []] as unknown[][];
    for (const e of batch) {
      values[0]!.push(e.id);
      values[1]!.push(e.type);
      values[2]!.push(e.version);
      values[3]!.push(e.occurredAt.toISOString());
      values[4]!.push(e.source);
      values[5]!.push(e.correlationId);
      values[6]!.push(e.causationId);
      values[7]!.push(JSON.stringify(e.data));
      values[8]!.push(JSON.stringify(e.metadata));
      values[12]!.push(null);
    }
    await store.pool.query({ ...many, values });
  }
}

/**
 * Runs one Postgres subject on a fresh table (created by `ensureSchema`, so both subjects get the identical shape and
 * indexes) and drops the table afterwards. The table names are random so an interrupted run never collides with a later one.
 */
async function runPostgres(base: PostgresEventStore, subject: Subject, events: readonly DomainEvent[]): Promise<number> {
  const table = `bench_events_${randomBytes(6).toString('hex')}`;
  const store = new PostgresEventStore({ pool: base.pool, table });
  await store.ensureSchema();
  try {
    return await timed(() =>
      subject.kind === 'raw' ? appendRaw(store, subject.mode, events) : appendWithStore(store, subject.mode, events),
    );
  } finally {
    await store.pool.query(`DROP TABLE IF EXISTS ${store.tableName}`);
    // ensureSchema recorded the table's migration; forget it with the table, so the history keeps no dead sets.
    await store.pool.query('DELETE FROM webnovel_migrations WHERE migration_set = $1', [eventLogMigrations({ table }).lockKey]);
  }
}

async function main(): Promise<void> {
  const options = parseBenchOptions();
  const scale = options.quick ? 0.1 : 1;
  const counts: Record<Mode, number> = { single: SINGLE_EVENTS * scale, batch: BATCHED_EVENTS * scale };
  const wanted = options.only?.split(',');
  const selected = (s: Subject) =>
    wanted === undefined || wanted.some((w) => w === s.id || w === s.kind || (s.kind !== 'memory' && w === `postgres.${s.mode}`));
  const subjects = SUBJECTS.filter(selected);
  if (subjects.length === 0) throw new Error(`--only=${options.only} matches no case; ids: ${SUBJECTS.map((s) => s.id).join(', ')}`);

  const started = process.hrtime.bigint();
  const base = new PostgresEventStore({ connectionString: POSTGRES_URL });
  const embedded = subjects.some((s) => s.kind === 'pglite') ? await openDatabase({}) : undefined;
  const embeddedBase = embedded && new PostgresEventStore({ pool: embedded.pool });
  const baseFor = (subject: Subject) => (subject.kind === 'pglite' ? embeddedBase! : base);
  const elapsed = new Map<string, number>();
  const add = (subject: Subject, ns: number) => elapsed.set(subject.id, (elapsed.get(subject.id) ?? 0) + ns);
  let server: string | undefined;
  try {
    const { rows } = await base.pool.query<{ version: string; sync: string }>(
      "SELECT split_part(version(), ' on ', 1) AS version, current_setting('synchronous_commit') AS sync",
    );
    server = `${rows[0]!.version}, synchronous_commit=${rows[0]!.sync}, on 127.0.0.1`;
    if (embedded) {
      const { rows: version } = await embedded.pool.query<{ version: string }>("SELECT split_part(version(), ' on ', 1) AS version");
      server += `; embedded: PGlite (${version[0]!.version}), in memory, in this process, through pglite-socket and a pool of one`;
    }
    for (const mode of ['single', 'batch'] as const) {
      const pair = subjects.filter((s) => s.kind !== 'memory' && s.mode === mode);
      if (pair.length === 0) continue;
      // Warm-up: prepares each statement on the pool's connection and lets the JIT settle on both code paths.
      for (const subject of pair) await runPostgres(baseFor(subject), subject, makeEvents(mode === 'single' ? 500 : 10 * BATCH_SIZE));
      const perRound = counts[mode] / ROUNDS;
      for (let round = 0; round < ROUNDS; round++) {
        for (const subject of round % 2 === 0 ? [...pair].reverse() : pair) {
          add(subject, await runPostgres(baseFor(subject), subject, makeEvents(perRound)));
          console.error(`${subject.id}: round ${round + 1}/${ROUNDS} done`);
        }
      }
    }
  } finally {
    await base.close();
    await embedded?.close();
  }
  for (const subject of subjects.filter((s) => s.kind === 'memory')) {
    await appendWithStore(new InMemoryEventStore(), subject.mode, makeEvents(BATCH_SIZE * 10));
    const events = makeEvents(counts[subject.mode]);
    add(subject, await timed(() => appendWithStore(new InMemoryEventStore(), subject.mode, events)));
  }
  const totalSeconds = Number(process.hrtime.bigint() - started) / 1e9;

  const results: Result[] = subjects.map((subject) => ({ subject, events: counts[subject.mode], elapsedNs: elapsed.get(subject.id)! }));
  const rate = (r: Result) => (r.events * 1e9) / r.elapsedNs;
  const rawRate = (mode: Mode) => {
    const raw = results.find((r) => r.subject.kind === 'raw' && r.subject.mode === mode);
    return raw && rate(raw);
  };
  const columns: Column<Result>[] = [
    { header: 'Case', cell: (r) => r.subject.label },
    { header: 'Events', align: 'right', cell: (r) => formatCount(r.events) },
    { header: 'events/s', align: 'right', cell: (r) => formatInteger(rate(r)) },
    {
      header: 'ours / raw pg',
      align: 'right',
      cell: (r) => (r.subject.kind === 'ours' ? formatRatio(ratio(rate(r), rawRate(r.subject.mode))) : '–'),
    },
  ];
  const targetLines = (['single', 'batch'] as const).flatMap((mode) => {
    const ours = results.find((r) => r.subject.kind === 'ours' && r.subject.mode === mode);
    const value = ours && ratio(rate(ours), rawRate(mode));
    if (value === undefined) return [];
    const pglite = results.find((r) => r.subject.kind === 'pglite' && r.subject.mode === mode);
    const embeddedLine =
      pglite && ours ? [`- ${mode}: embedded PGlite / PostgreSQL server, same store: ${formatRatio(rate(pglite) / rate(ours))}`] : [];
    return [
      ...embeddedLine,
      `- ${mode}: ours / raw pg ${formatRatio(value)} (target ≥ ${formatRatio(TARGET_RATIO)}) ${value >= TARGET_RATIO ? 'met' : 'MISSED'}`,
    ];
  });
  console.log(
    [
      '## Event store append throughput',
      '',
      describeMachine(),
      `PostgreSQL: ${server ?? 'not reached'}`,
      `Run: ${options.quick ? '--quick (a tenth of the work; numbers are indicative only)' : 'normal'}, ${totalSeconds.toFixed(1)} s${
        options.only === undefined ? '' : `, --only=${options.only}`
      }.`,
      '',
      markdownTable(columns, results),
      '',
      '### Targets (reported, not asserted)',
      '',
      ...targetLines,
      '',
      '### Notes',
      '',
      `- Each Postgres figure adds up ${ROUNDS} rounds of 1/${ROUNDS} of the events, each on a fresh table with the full index set, interleaved raw, ours, ours, raw, … after an untimed warm-up; events are built before the clock starts.`,
      '- PGlite is WASM in the bench process itself: one session, no fsync of an in-memory data directory, every statement through a loopback socket; the server has its own processes and flushes its WAL per commit.',
      '- Single appends are one autocommit INSERT each, so they mostly measure the commit (WAL flush) of the server; batches show the per-event cost.',
      '- Raw pg runs on the same pool with named (prepared) statements, as the store does.',
    ].join('\n'),
  );
}

runBench(main);
