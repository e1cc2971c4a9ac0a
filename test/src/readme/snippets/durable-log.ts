// README "The durable event log": a PostgreSQL log with a Redis cache of recent events, configured from the environment.
import { Module } from '@nestjs/common';
import { webNovelCatalog, webNovelUpcasters } from '@webnovel/contracts';
import { EventsModule } from '@webnovel/events';
import { PostgresEventStore } from '@webnovel/events-postgres';
import { RedisRecentEventCache } from '@webnovel/events-redis';

// #region postgres-store
const DAY = 24 * 60 * 60 * 1000;

@Module({
  imports: [
    EventsModule.forRootAsync({
      useFactory: async () => {
        const store = new PostgresEventStore({ connectionString: process.env.POSTGRES_URL, retention: { defaultMs: 90 * DAY } });
        await store.ensureSchema();
        return {
          source: 'bookstore',
          catalog: webNovelCatalog,
          upcasters: webNovelUpcasters,
          store,
          recentCache: new RedisRecentEventCache({ url: process.env.REDIS_URL }),
        };
      },
    }),
  ],
})
export class AppModule {}
// #endregion
