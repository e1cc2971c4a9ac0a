import { OBSERVABILITY_OFF } from '../support/observability-off.js';
import { Logger as NestLogger, type INestApplicationContext, type LogLevel, type Provider, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventsInstrumentation, EventsModule, EventsMonitor, type EventsModuleOptions } from '@webnovel/events';
import { EVENTS_METRICS_REGISTRY, EventsMetricsModule, type MetricsRegistry } from '@webnovel/events-prometheus';
import { LoggerModule, Logger as PinoNestLogger } from 'nestjs-pino';

/**
 * - `off`: every observability option off and no metrics module; the bus takes no clock at all.
 * - `on`: the production default. `EventsMetricsModule` (`serve: false`, `defaultMetrics: false`), the per-minute
 *   statistics, `eventLogLevel: 'debug'` with nestjs-pino at level `info` and Nest told those levels (as the user
 *   service does), so per-event lines are skipped at `Logger.isLevelEnabled`, and OpenTelemetry spans on the API alone
 *   (no SDK: no-op spans).
 * - `on-sdk`: `on` in a process where a `NodeTracerProvider` samples every span (see `tracing-sdk.ts`); the
 *   application is the same as `on`, the SDK is registered by the process that starts it.
 */
export type ObservabilityMode = 'off' | 'on' | 'on-sdk';

export const OBSERVABILITY_MODES: readonly ObservabilityMode[] = ['off', 'on', 'on-sdk'];

export { OBSERVABILITY_OFF };
/** What `on` passes: the defaults, spelled out. */
export const OBSERVABILITY_ON = { tracing: true, eventLogLevel: 'debug', summaryWindowMinutes: 60 } as const satisfies EventsModuleOptions;

/** Level of the application's pino, as in production (`LOG_LEVEL` defaults to `info` in the user service). */
export const PINO_LEVEL = 'info';
const PINO_LEVEL_NAMES: Readonly<Record<number, string>> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

/**
 * Where pino writes: nowhere, but every line is counted, so a run can show that the logger is wired (bootstrap lines
 * arrive) and that no per-event line got through (they are `debug`, below the level). nestjs-pino keeps one root
 * logger per process, so every `on` application in the process shares this destination.
 */
export const discardedLogLines = {
  lines: 0,
  /** Lines per pino level name (`info`, `warn`, ...), read from each line's `level`. */
  byLevel: new Map<string, number>(),
  write(line: string): void {
    this.lines++;
    const level = PINO_LEVEL_NAMES[Number(/"level":(\d+)/.exec(line)?.[1])] ?? 'unknown';
    this.byLevel.set(level, (this.byLevel.get(level) ?? 0) + 1);
  },
};

/** An application context with `EventsModule` set up for `mode`, and what a run needs to drive and check it. */
/** Nest's levels that pino at `info` keeps. */
const NEST_LEVELS_AT_INFO: LogLevel[] = ['fatal', 'error', 'warn', 'log'];

export interface ObservedApp {
  readonly app: INestApplicationContext;
  readonly mode: ObservabilityMode;
  /**
   * Makes this application's logger and levels the process-wide ones before its turn. Nest's static `Logger` is
   * global: an `off` application created with `logger: false` clears it, and the `on` turn must pay for the level
   * check exactly as a production service does.
   */
  activate(): void;
  /**
   * Checks that the application observed exactly what was sent (`on`: the metrics counters and the statistics; `off`:
   * that no observer is registered), waiting up to `timeoutMs` for async records to land. Call before `close`.
   */
  verify(publishes: number, handled: number, timeoutMs?: number): Promise<void>;
}

export interface ObservedAppOptions {
  readonly mode: ObservabilityMode;
  /** A fresh `@Module({})` class; handlers and `EventsModule` are attached to it. */
  readonly module: Type<unknown>;
  /** Everything but the observability options, which `mode` decides. */
  readonly events: EventsModuleOptions;
  readonly providers: readonly Provider[];
}

export async function startObservedApp({ mode, module, events, providers }: ObservedAppOptions): Promise<ObservedApp> {
  if (mode === 'off') {
    const app = await NestFactory.createApplicationContext(
      { module, imports: [EventsModule.forRoot({ ...events, ...OBSERVABILITY_OFF })], providers: [...providers] },
      { logger: false },
    );
    return {
      app,
      mode,
      activate: () => undefined,
      verify: async () => {
        if (app.get(EventsInstrumentation).active) throw new Error('off: an events observer is registered');
      },
    };
  }
  const app = await NestFactory.createApplicationContext(
    {
      module,
      imports: [
        LoggerModule.forRoot({ pinoHttp: [{ level: PINO_LEVEL }, discardedLogLines] }),
        EventsModule.forRoot({ ...events, ...OBSERVABILITY_ON }),
        EventsMetricsModule.forRoot({ serve: false, defaultMetrics: false }),
      ],
      providers: [...providers],
    },
    // As the user service does: buffered until pino takes over.
    { bufferLogs: true },
  );
  const logger = app.get(PinoNestLogger);
  // As the user service does (apps/user/src/app.setup.ts): pino is the logger, and Nest is told the levels pino keeps,
  // so `Logger.isLevelEnabled('debug')` is false and the bus does not build lines for pino to drop.
  const activate = (): void => {
    NestLogger.overrideLogger(logger);
    NestLogger.overrideLogger(NEST_LEVELS_AT_INFO);
  };
  activate();
  return {
    app,
    mode,
    activate,
    verify: (publishes, handled, timeoutMs = 5_000) => verifyObserved(app, mode, publishes, handled, timeoutMs),
  };
}

async function verifyObserved(
  app: INestApplicationContext,
  mode: ObservabilityMode,
  publishes: number,
  handled: number,
  timeoutMs: number,
): Promise<void> {
  const registry = app.get<MetricsRegistry>(EVENTS_METRICS_REGISTRY);
  const monitor = app.get(EventsMonitor);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const seen = {
      published: await metricTotal(registry, 'events_published_total'),
      handled: await metricTotal(registry, 'events_handled_total'),
      summarized: (await monitor.summary(OBSERVABILITY_ON.summaryWindowMinutes)).published.total,
    };
    if (seen.published === publishes && seen.handled === handled && seen.summarized === publishes) return;
    // Async handler runs are recorded just after the handler returns, so the last few may still be on their way.
    if (Date.now() > deadline)
      throw new Error(`${mode}: observed ${JSON.stringify(seen)}, expected ${publishes} published and summarized, ${handled} handled`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function metricTotal(registry: MetricsRegistry, name: string): Promise<number> {
  const metric = registry.getSingleMetric(name);
  if (metric === undefined) throw new Error(`metric ${name} is not registered`);
  const { values } = await metric.get();
  return values.reduce((sum, v) => sum + v.value, 0);
}
