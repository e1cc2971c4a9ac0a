// libs/events-terminus/README.md: the health routes of a service on BullMQ and PostgreSQL. Compiled only: the driver
// and the store connect to Redis and PostgreSQL.
import { Module } from '@nestjs/common';
import { EventsModule } from '@webnovel/events';
import { BullMqDelivery } from '@webnovel/events-bullmq';
import { PostgresEventStore } from '@webnovel/events-postgres';
import { EventsHealthModule } from '@webnovel/events-terminus';

/** Redis of the delivery queues. */
const connection = { host: process.env.REDIS_HOST ?? '127.0.0.1', port: Number(process.env.REDIS_PORT ?? 6379) };
/** The event log, in PostgreSQL. */
const store = new PostgresEventStore({ connectionString: process.env.DATABASE_URL });

// #region module
@Module({
  imports: [
    EventsModule.forRoot({ source: 'user-service', delivery: new BullMqDelivery({ connection }), store }),
    EventsHealthModule.forRoot({ timeoutMs: 500 }),
  ],
})
export class AppModule {}
// #endregion
