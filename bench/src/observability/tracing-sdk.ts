import {
  AlwaysOnSampler,
  BatchSpanProcessor,
  NodeTracerProvider,
  type ReadableSpan,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-node';

/** The callback of `SpanExporter.export`, typed from the SDK itself: `@opentelemetry/core` is installed twice here. */
type ExportCallback = Parameters<SpanExporter['export']>[1];
/** `ExportResultCode.SUCCESS`. */
const SUCCESS = 0;

/** An exporter that drops every batch at once and reports success, counting the spans it was given. */
export class DiscardingSpanExporter implements SpanExporter {
  spans = 0;

  export(spans: ReadableSpan[], resultCallback: ExportCallback): void {
    this.spans += spans.length;
    resultCallback({ code: SUCCESS });
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
}

export interface RegisteredTracing {
  readonly exporter: DiscardingSpanExporter;
  /** Hands the spans still queued to the exporter, so `exporter.spans` counts every span ended so far. */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * Registers a `NodeTracerProvider` globally, as an instrumented service does at start-up: every span sampled
 * (`AlwaysOnSampler`), a `BatchSpanProcessor` with its default limits, the discarding exporter, and `register()`'s
 * defaults, i.e. the `AsyncLocalStorage` context manager and the W3C trace-context and baggage propagators.
 *
 * The registration is process-wide and cannot be undone for the OpenTelemetry API's proxies, and the context manager
 * turns on async hooks for every promise in the process (Node 20), so it is only ever called in a child process
 * that runs nothing else.
 */
export function registerDiscardingTracing(): RegisteredTracing {
  const exporter = new DiscardingSpanExporter();
  const provider = new NodeTracerProvider({ sampler: new AlwaysOnSampler(), spanProcessors: [new BatchSpanProcessor(exporter)] });
  provider.register();
  return { exporter, flush: () => provider.forceFlush(), shutdown: () => provider.shutdown() };
}
