import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { IncomingMessage } from 'node:http';

/** Probe and scrape routes: a span per Prometheus scrape or health probe would drown the traces that matter. */
const UNTRACED = /^\/(metrics|health)(\/|\?|$)/;

/** Lets a test collect spans in memory instead of exporting them. */
export interface TracingOverrides {
  readonly spanProcessors?: SpanProcessor[];
}

/**
 * Starts the OpenTelemetry Node SDK when an OTLP endpoint is configured (`OTEL_EXPORTER_OTLP_ENDPOINT` or
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`, read by the exporter itself), and nothing otherwise: the library's spans
 * then stay no-ops. The SDK brings the W3C trace-context propagator the event bus uses to carry `traceparent` in
 * event metadata, and the HTTP instrumentation whose server span becomes the parent of each publish.
 *
 * It must run before `@nestjs/platform-express` loads `http`, so `main.ts` imports `instrumentation.ts` first.
 */
export function startTracing(env: NodeJS.ProcessEnv, overrides: TracingOverrides = {}): NodeSDK | undefined {
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint && overrides.spanProcessors === undefined) return undefined;
  const sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME || 'user-service',
    spanProcessors: overrides.spanProcessors ?? [new BatchSpanProcessor(new OTLPTraceExporter())],
    instrumentations: [new HttpInstrumentation({ ignoreIncomingRequestHook: (req: IncomingMessage) => UNTRACED.test(req.url ?? '') })],
  });
  sdk.start();
  return sdk;
}
