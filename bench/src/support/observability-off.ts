import type { EventsModuleOptions } from '@webnovel/events';

/**
 * Every observability option off: no spans, no per-event log lines, no statistics, so no observer is registered and
 * the bus takes no clock. The in-process, BullMQ and store benches use it so that they compare like with like against
 * anchors that observe nothing; `npm run bench:observability` measures what observability adds.
 */
export const OBSERVABILITY_OFF = { tracing: false, eventLogLevel: false, summaryWindowMinutes: 0 } as const satisfies EventsModuleOptions;
