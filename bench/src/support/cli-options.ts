/** Options every bench accepts. */
export interface BenchOptions {
  /** `--quick`: about a tenth of the work, for checking that the bench runs rather than for numbers. */
  readonly quick: boolean;
  /** `--only=<id or kind>[,...]`: run only those cases, e.g. `events.prebuilt.1` or `cqrs` (handy under `node --cpu-prof`). */
  readonly only: string | undefined;
}

/** @throws Error naming an unknown argument, so a typo does not silently run the full bench */
export function parseBenchOptions(argv: readonly string[] = process.argv.slice(2)): BenchOptions {
  let quick = false;
  let only: string | undefined;
  for (const arg of argv) {
    if (arg === '--quick') quick = true;
    else if (arg.startsWith('--only=') && arg.length > '--only='.length) only = arg.slice('--only='.length);
    else throw new Error(`unknown argument ${JSON.stringify(arg)}; expected --quick and/or --only=<case id or kind>[,...]`);
  }
  return { quick, only };
}
