// Imported first by main.ts: the tracing SDK must patch `http` before Nest's Express adapter loads it.
import { startTracing } from './observability/tracing.js';

/** The running SDK, or undefined when no OTLP endpoint is configured. */
export const tracing = startTracing(process.env);
