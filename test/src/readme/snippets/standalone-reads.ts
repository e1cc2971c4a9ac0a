// README "The durable event log": a store and a cache used without EventsModule take the catalog as an option.
import { SubscriptionCreatedPayload, webNovelCatalog, type SubscriptionCreatedEvent } from '@webnovel/contracts';
import { PostgresEventStore } from '@webnovel/events-postgres';
import { RedisRecentEventCache } from '@webnovel/events-redis';

/** Reads one subscription back from the log and the latest from the cache, in a script with no Nest app. */
export async function readSubscriptions(id: string) {
  // #region standalone
  const store = new PostgresEventStore({ connectionString: process.env.POSTGRES_URL, catalog: webNovelCatalog });
  const cache = new RedisRecentEventCache({ url: process.env.REDIS_URL, catalog: webNovelCatalog });

  const stored = await store.getById(id);
  const subscription = stored?.event as SubscriptionCreatedEvent | undefined;
  const revived = subscription?.data instanceof SubscriptionCreatedPayload; // true
  const startsAt = subscription?.data.starts_at.toISOString(); // a Date, not the string JSON left in the table
  const [latest] = await cache.recent('subscription.created', 1); // revived the same way
  // #endregion
  await Promise.all([store.close(), cache.close()]);
  return { subscription, revived, startsAt, latest };
}
