import type { EventCatalog, RetentionOptions } from '@webnovel/events';
import { catalogOptionProblems, retentionProblems, unknownOptionProblem } from '@webnovel/events/internal';
import { describeValue } from './events-mongoose.messages.js';

/** Options of `MongooseEventStore`. */
export interface MongooseEventStoreOptions {
  /**
   * How long events are kept. Each event's `expires_at` is computed from it when appended, and the TTL index
   * deletes the event once that time has passed; a change applies to new events only.
   * @default keep every event until `cleanup`
   */
  readonly retention?: RetentionOptions;
  /**
   * Revives every payload read back as its catalog class, with real `Date`s. Needed only when the store is used
   * without `EventsModule`, which binds its own catalog.
   * @default the catalog of the EventsModule using the store
   */
  readonly catalog?: EventCatalog;
}

const KNOWN_OPTIONS: readonly string[] = ['retention', 'catalog'];

/** Lists every problem of the options, so one error names them all. */
export function mongooseEventStoreOptionsProblems(options: unknown): string[] {
  if (options === null || typeof options !== 'object') return [`options must be an object; got ${describeValue(options)}`];
  const o = options as MongooseEventStoreOptions & Record<string, unknown>;
  return [
    ...Object.keys(o)
      .filter((name) => !KNOWN_OPTIONS.includes(name))
      .map((name) => unknownOptionProblem(name, KNOWN_OPTIONS)),
    ...retentionProblems(o.retention, 'retention'),
    ...catalogOptionProblems(o.catalog),
  ];
}
