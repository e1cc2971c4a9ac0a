import { isSpanContextValid, trace } from '@opentelemetry/api';
import type { Params } from 'nestjs-pino';
import type { DestinationStream, LevelWithSilent } from 'pino';
import type { IncomingMessage } from 'node:http';

/** Headers that carry secrets: pino writes `[redacted]` in their place. */
const REDACTED = ['req.headers["x-api-key"]', 'req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'];
const QUIET_ROUTES = /^\/(metrics|health)(\/|\?|$)/;

/**
 * `nestjs-pino` for the service: JSON lines at `level`, every line stamped with the active trace and span ids, secret
 * headers redacted, and no access line per scrape or health probe. The event bus logs through Nest's `Logger`, so its
 * structured lines (`event_id`, `event_type`, `handler`, `duration_ms`, `attempt`, `correlation_id`, `trace_id`)
 * come out through this pino as well; per-event lines are at `debug`.
 */
export function loggingParams(level: LevelWithSilent, destination?: DestinationStream): Params {
  const options = {
    level,
    redact: { paths: REDACTED, censor: '[redacted]' },
    // The line's own fields win over the mixin's, so an event line keeps the trace id its event carried.
    mixin() {
      const context = trace.getActiveSpan()?.spanContext();
      return context && isSpanContextValid(context) ? { trace_id: context.traceId, span_id: context.spanId } : {};
    },
    autoLogging: { ignore: (req: IncomingMessage) => QUIET_ROUTES.test(req.url ?? '') },
  };
  return { pinoHttp: destination ? [options, destination] : options };
}
