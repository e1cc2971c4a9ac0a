// Imported first by the tracing e2e test: starts the app's own tracing wiring with an in-memory exporter, before Nest
// loads `http`, exactly as instrumentation.ts does in production with an OTLP exporter.
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { startTracing } from '../observability/tracing.js';

export const spans = new InMemorySpanExporter();
export const sdk = startTracing({ OTEL_SERVICE_NAME: 'user-service-test' }, { spanProcessors: [new SimpleSpanProcessor(spans)] })!;
