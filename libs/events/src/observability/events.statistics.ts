import type { EventsObserver, HandleRecord, PublishRecord } from '../interfaces/events-observer.interface.js';
import { DurationHistogram } from './duration.histogram.js';

const MINUTE_MS = 60_000;

/** Published and failed publishes of one type. */
export interface PublishedTypeSummary {
  readonly eventType: string;
  readonly published: number;
  readonly failed: number;
}

/** Handler runs of one handler, by outcome, with run-time quantiles in milliseconds. */
export interface HandlerSummary {
  readonly handler: string;
  readonly handled: number;
  readonly succeeded: number;
  /** Runs that failed: `failure` + `retried` + `dead_lettered`. */
  readonly failed: number;
  readonly retried: number;
  readonly deadLettered: number;
  readonly skippedDuplicate: number;
  readonly durationMs: {
    readonly p50: number | null;
    readonly p95: number | null;
    readonly p99: number | null;
    readonly max: number | null;
  };
}

class TypeCounts {
  published = 0;
  failed = 0;
  add(other: TypeCounts): void {
    this.published += other.published;
    this.failed += other.failed;
  }
}

class HandlerCounts {
  handled = 0;
  succeeded = 0;
  failure = 0;
  retried = 0;
  deadLettered = 0;
  skippedDuplicate = 0;
  readonly durations = new DurationHistogram();

  add(other: HandlerCounts): void {
    this.handled += other.handled;
    this.succeeded += other.succeeded;
    this.failure += other.failure;
    this.retried += other.retried;
    this.deadLettered += other.deadLettered;
    this.skippedDuplicate += other.skippedDuplicate;
    this.durations.add(other.durations);
  }
}

class MinuteBucket {
  readonly types = new Map<string, TypeCounts>();
  readonly handlers = new Map<string, HandlerCounts>();
  readonly startsAt: number;
  readonly endsAt: number;
  constructor(readonly minute: number) {
    this.startsAt = minute * MINUTE_MS;
    this.endsAt = this.startsAt + MINUTE_MS;
  }
}

const getOrAdd = <K, V>(map: Map<K, V>, key: K, create: () => V): V => {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = create()));
  return value;
};

/**
 * Per-type and per-handler counts and run times in one-minute buckets, for the monitoring summary: what an
 * operator asks first ("what failed in the last 15 minutes, and how slow is it?") without a Prometheus at hand.
 */
export class EventsStatistics implements EventsObserver {
  private readonly buckets: MinuteBucket[] = [];

  constructor(
    private readonly keepMinutes: number,
    private readonly now: () => number = Date.now,
  ) {}

  published({ type, error, at }: PublishRecord): void {
    const counts = getOrAdd(this.bucketAt(at).types, type, () => new TypeCounts());
    if (error === undefined) counts.published++;
    else counts.failed++;
  }

  handled({ handler, outcome, durationMs, at }: HandleRecord): void {
    const counts = getOrAdd(this.bucketAt(at).handlers, handler, () => new HandlerCounts());
    counts.handled++;
    if (outcome === 'skipped_duplicate') {
      counts.skippedDuplicate++;
      return;
    }
    counts.durations.record(durationMs);
    if (outcome === 'success') counts.succeeded++;
    else if (outcome === 'retried') counts.retried++;
    else if (outcome === 'dead_lettered') counts.deadLettered++;
    else counts.failure++;
  }

  /** Everything recorded in the last `minutes` minutes, counting the current, partial one. */
  summarize(minutes: number): { published: PublishedTypeSummary[]; handlers: HandlerSummary[] } {
    const since = Math.floor(this.now() / MINUTE_MS) - minutes + 1;
    const types = new Map<string, TypeCounts>();
    const handlers = new Map<string, HandlerCounts>();
    for (const bucket of this.buckets) {
      if (bucket.minute < since) continue;
      for (const [type, counts] of bucket.types) getOrAdd(types, type, () => new TypeCounts()).add(counts);
      for (const [name, counts] of bucket.handlers) getOrAdd(handlers, name, () => new HandlerCounts()).add(counts);
    }
    return {
      published: [...types].map(([eventType, c]) => ({ eventType, published: c.published, failed: c.failed })).sort(byKey('eventType')),
      handlers: [...handlers].map(([handler, c]) => handlerSummary(handler, c)).sort(byKey('handler')),
    };
  }

  /** The bucket of the minute `at` falls in: the newest one, except across a minute boundary. */
  private bucketAt(now: number): MinuteBucket {
    const last = this.buckets[this.buckets.length - 1];
    // A record a moment older than the newest bucket (an async run reported late) counts in the newest one.
    if (last !== undefined && now < last.endsAt) return last;
    const bucket = new MinuteBucket(Math.floor(now / MINUTE_MS));
    this.buckets.push(bucket);
    while (this.buckets[0]!.minute <= bucket.minute - this.keepMinutes) this.buckets.shift();
    return bucket;
  }
}

const byKey =
  <K extends string>(key: K) =>
  (a: Record<K, string>, b: Record<K, string>): number =>
    a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0;

function handlerSummary(handler: string, c: HandlerCounts): HandlerSummary {
  const d = c.durations;
  return {
    handler,
    handled: c.handled,
    succeeded: c.succeeded,
    failed: c.failure + c.retried + c.deadLettered,
    retried: c.retried,
    deadLettered: c.deadLettered,
    skippedDuplicate: c.skippedDuplicate,
    durationMs: {
      p50: d.quantile(0.5),
      p95: d.quantile(0.95),
      p99: d.quantile(0.99),
      max: d.count === 0 ? null : Math.round(d.max * 1000) / 1000,
    },
  };
}
