// Reads the Prometheus text exposition format back, so tests assert on samples rather than on substrings.
// Not part of the package (see "files" in package.json).

/** One sample line: `name{labels} value`. */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** A parsed exposition: the samples in order, and each metric family's `# TYPE` and `# HELP`. */
export class Exposition {
  constructor(
    readonly samples: readonly Sample[],
    readonly types: ReadonlyMap<string, string>,
    readonly help: ReadonlyMap<string, string>,
  ) {}

  /** Every sample named `name` whose labels include `labels`. */
  all(name: string, labels: Readonly<Record<string, string>> = {}): Sample[] {
    return this.samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  }

  /**
   * The value of the one sample named `name` whose labels include `labels`, or undefined when there is none.
   * @throws when several match: the test must name the series it means
   */
  value(name: string, labels: Readonly<Record<string, string>> = {}): number | undefined {
    const found = this.all(name, labels);
    if (found.length > 1) throw new Error(`${found.length} samples of ${name} match ${JSON.stringify(labels)}; name more labels`);
    return found[0]?.value;
  }

  /** Like `value`, with 0 for a series that does not exist yet (a counter never incremented). */
  count(name: string, labels: Readonly<Record<string, string>> = {}): number {
    return this.value(name, labels) ?? 0;
  }
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+-?\d+)?$/;
const LABEL = /\s*([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*(?:,|$)/y;

/** Parses the text format; throws on a line it cannot read, so a malformed exposition fails the test. */
export function parseExposition(text: string): Exposition {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  const help = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line === '# EOF') continue;
    const comment = /^# (TYPE|HELP) (\S+) ?(.*)$/.exec(line);
    if (comment) {
      (comment[1] === 'TYPE' ? types : help).set(comment[2]!, comment[3]!);
      continue;
    }
    if (line.startsWith('#')) continue;
    const match = SAMPLE.exec(line);
    if (!match) throw new Error(`Not an exposition line: ${line}`);
    samples.push({ name: match[1]!, labels: parseLabels(match[2] ?? '', line), value: parseValue(match[3]!, line) });
  }
  return new Exposition(samples, types, help);
}

function parseLabels(body: string, line: string): Record<string, string> {
  const labels: Record<string, string> = {};
  LABEL.lastIndex = 0;
  while (LABEL.lastIndex < body.length) {
    const start = LABEL.lastIndex;
    const match = LABEL.exec(body);
    if (!match || LABEL.lastIndex === start) throw new Error(`Unreadable labels in: ${line}`);
    labels[match[1]!] = match[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
  }
  return labels;
}

function parseValue(raw: string, line: string): number {
  if (raw === '+Inf') return Infinity;
  if (raw === '-Inf') return -Infinity;
  // Prometheus reads NaN in any case, and prom-client writes "Nan".
  if (/^nan$/i.test(raw)) return NaN;
  const value = Number(raw);
  if (Number.isNaN(value)) throw new Error(`Unreadable value in: ${line}`);
  return value;
}
