import type { Aggregator, Metric, MetricObjectWithValues, MetricType, MetricValueWithName } from 'prom-client';

type Labels = Readonly<Record<string, string>>;
/** A sample as the registry formats it: `sharedLabels` come after the registry's default labels, as prom-client's do. */
type Sample = MetricValueWithName<string> & { sharedLabels?: Labels };
type Exported = MetricObjectWithValues<Sample>;

/** One counter series. The hot path adds to a plain number; the registry reads it when Prometheus scrapes. */
export class CounterSeries {
  value = 0;
  constructor(readonly labels: Labels) {}

  inc(by = 1): void {
    this.value += by;
  }
}

/** One histogram series: a count per bucket (not cumulative), the sum and the count. */
export class HistogramSeries {
  readonly counts: Float64Array;
  sum = 0;
  count = 0;

  constructor(
    readonly labels: Labels,
    private readonly bounds: readonly number[],
  ) {
    this.counts = new Float64Array(bounds.length);
  }

  observe(value: number): void {
    const bounds = this.bounds;
    let i = 0;
    while (i < bounds.length && value > bounds[i]!) i++;
    if (i < bounds.length) this.counts[i]!++;
    this.sum += value;
    this.count++;
  }
}

/**
 * A labelled metric whose series are plain objects the caller keeps. prom-client's own `labels()` children re-validate
 * and re-hash their labels on every `inc()`/`observe()`, about a microsecond per handler run; here that work happens
 * once per series, and at scrape time. Registered in a prom-client `Registry` like any metric: it implements what
 * the registry calls (`name`, `help`, `type`, `aggregator`, `get`, `reset`).
 */
abstract class PlainMetric<S extends { readonly labels: Labels }> {
  readonly aggregator: Aggregator = 'sum';
  private readonly byKey = new Map<string, S>();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
  ) {}

  abstract readonly type: string;
  protected abstract create(labels: Labels): S;
  protected abstract export(series: S): Sample[];

  /** The series of these label values (in `labelNames` order), created on first use. Keep it: the lookup costs. */
  series(...values: string[]): S {
    const key = values.join('\u0000');
    let series = this.byKey.get(key);
    if (series === undefined) {
      const labels: Record<string, string> = {};
      this.labelNames.forEach((name, i) => (labels[name] = values[i]!));
      series = this.create(Object.freeze(labels));
      this.byKey.set(key, series);
    }
    return series;
  }

  /** What the registry's text exposition reads. */
  async getForPromString(): Promise<Exported> {
    // prom-client's typings ask for `collect`, which its own metrics do not return either.
    return {
      name: this.name,
      help: this.help,
      type: this.type as unknown as MetricType,
      aggregator: this.aggregator,
      values: [...this.byKey.values()].flatMap((series) => this.export(series)),
    } as Omit<Exported, 'collect'> as Exported;
  }

  /** What `getMetricsAsJSON` reads: the shared labels folded into each sample's labels. */
  async get(): Promise<Exported> {
    const exported = await this.getForPromString();
    return {
      ...exported,
      values: exported.values.map(({ sharedLabels, ...value }) => ({ ...value, labels: { ...value.labels, ...sharedLabels } })),
    };
  }

  /** Zeroes every series; the series objects callers hold stay valid. */
  abstract reset(): void;

  protected all(): IterableIterator<S> {
    return this.byKey.values();
  }

  /** This metric as the registry's `registerMetric` types it. */
  asMetric(): Metric {
    return this as unknown as Metric;
  }
}

export class PlainCounter extends PlainMetric<CounterSeries> {
  readonly type = 'counter';

  protected create(labels: Labels): CounterSeries {
    return new CounterSeries(labels);
  }

  // Fresh label objects per scrape: the registry writes default labels into them.
  protected export(series: CounterSeries): Sample[] {
    return [{ labels: { ...series.labels }, value: series.value }];
  }

  reset(): void {
    for (const series of this.all()) series.value = 0;
  }
}

export class PlainHistogram extends PlainMetric<HistogramSeries> {
  readonly type = 'histogram';

  constructor(
    name: string,
    help: string,
    labelNames: readonly string[],
    readonly bounds: readonly number[],
  ) {
    super(name, help, labelNames);
  }

  protected create(labels: Labels): HistogramSeries {
    return new HistogramSeries(labels, this.bounds);
  }

  // The same samples, in the same order and label order, as prom-client's own histogram: cumulative buckets, +Inf,
  // _sum and _count, with the series' labels as shared labels.
  protected export(series: HistogramSeries): Sample[] {
    const bucket = `${this.name}_bucket`;
    const sharedLabels = series.labels;
    let cumulative = 0;
    const values: Sample[] = this.bounds.map((le, i) => {
      cumulative += series.counts[i]!;
      return { labels: { le }, sharedLabels, value: cumulative, metricName: bucket };
    });
    values.push(
      { labels: { le: '+Inf' }, sharedLabels, value: series.count, metricName: bucket },
      { labels: {}, sharedLabels, value: series.sum, metricName: `${this.name}_sum` },
      { labels: {}, sharedLabels, value: series.count, metricName: `${this.name}_count` },
    );
    return values;
  }

  reset(): void {
    for (const series of this.all()) {
      series.counts.fill(0);
      series.sum = 0;
      series.count = 0;
    }
  }
}
