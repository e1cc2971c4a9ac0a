import { EventCatalog, type AnyEventUpcaster, type EventDefinition } from '@webnovel/events';
import { bookstoreEvents } from './bookstore/bookstore.events.js';
import { financeEvents } from './finance/finance.events.js';
import { notificationEvents } from './notification/notification.events.js';
import { readingEvents } from './reading/reading.events.js';
import { socialEvents } from './social/social.events.js';
import { systemEvents } from './system/system.events.js';
import { userEvents } from './user/user.events.js';
import { userUpcasters } from './user/user.upcasters.js';
import { writingEvents } from './writing/writing.events.js';

/** Every event definition of the web-novel platform, each (type, version) once. */
export const webNovelEvents: readonly EventDefinition[] = Object.freeze([
  ...userEvents,
  ...readingEvents,
  ...writingEvents,
  ...socialEvents,
  ...bookstoreEvents,
  ...financeEvents,
  ...notificationEvents,
  ...systemEvents,
]);

/**
 * The registry of every type and version with its payload class. Pass it to `EventsModule.forRoot({ catalog })`, with
 * {@link webNovelUpcasters}, so `publish` validates payloads, and to `deserializeEvent` so payloads come back as class
 * instances.
 */
export const webNovelCatalog = new EventCatalog(webNovelEvents);

/**
 * Every upcaster between versions of the catalog, one per step (v1→v2, v2→v3, …). Pass it with the catalog,
 * `EventsModule.forRoot({ catalog: webNovelCatalog, upcasters: webNovelUpcasters })`: handlers take the latest version
 * of each type, and without the upcasters bootstrap fails for every type that has an older version.
 */
// #region web-novel-upcasters
export const webNovelUpcasters: readonly AnyEventUpcaster[] = Object.freeze([...userUpcasters]);
// #endregion
