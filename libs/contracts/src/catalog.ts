import { EventCatalog, type EventDefinition } from '@webnovel/events';
import { bookstoreEvents } from './bookstore/bookstore.events.js';
import { financeEvents } from './finance/finance.events.js';
import { notificationEvents } from './notification/notification.events.js';
import { readingEvents } from './reading/reading.events.js';
import { socialEvents } from './social/social.events.js';
import { systemEvents } from './system/system.events.js';
import { userEvents } from './user/user.events.js';
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
 * The registry of every type and version with its payload class. Pass it to `EventsModule.forRoot({ catalog })`
 * so `publish` validates payloads, and to `deserializeEvent` so payloads come back as class instances.
 */
export const webNovelCatalog = new EventCatalog(webNovelEvents);
