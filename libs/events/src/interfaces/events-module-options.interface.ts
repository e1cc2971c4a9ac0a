import type { EventCatalog } from '../catalog/event-catalog.js';
import type { EventDefinition } from './event-definition.interface.js';
import type { HandlerMode } from './handler.interface.js';
import type { RetryPolicyOptions } from './retry-policy-options.interface.js';
import type { EventDelivery } from './event-delivery.interface.js';

/** Options of `EventsModule.forRoot` / `forRootAsync`. Validated once at bootstrap; every problem is reported together. */
export interface EventsModuleOptions {
  /** The producing service's name, stamped on events that do not set `source`. @default 'app' */
  source?: string;
  /** The known event types with their payload classes, for example `webNovelCatalog` from `@webnovel/contracts`. @default no types */
  catalog?: EventCatalog | readonly EventDefinition[];
  /** What `publish` does with a type the catalog does not know. @default 'reject' */
  unknownEvents?: 'reject' | 'allow';
  /** Validate payloads with class-validator on `publish`. @default true */
  validatePayloads?: boolean;
  /** Mode of handlers that do not choose one. @default 'sync' */
  defaultMode?: HandlerMode;
  /** Retry defaults for every handler; `@OnDomainEvent({ retry })` overrides per handler. */
  retry?: RetryPolicyOptions;
  /** Log one line per discovered handler at bootstrap (`Class.method -> pattern [mode]`). @default true */
  logHandlers?: boolean;
  /** Runs async handlers. The default runs them in this process, after `publish` returns. */
  delivery?: EventDelivery;
  /** How long shutdown waits for in-flight async handlers, in milliseconds. @default 10000 */
  shutdownTimeoutMs?: number;
}
