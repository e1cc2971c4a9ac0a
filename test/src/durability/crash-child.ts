// A service process for the crash test. `crash` mode appends an event and then hangs where dispatch would start,
// so the parent can SIGKILL it in exactly that window; `recover` mode restarts the service and lets the outbox
// relay finish the job. Handlers record receipts in PostgreSQL so they survive the kill.
import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createDomainEvent, EventBus, EventsModule, OnDomainEvent, OutboxRelay, type DomainEvent } from '@webnovel/events';
import { PostgresEventStore } from '@webnovel/events-postgres';
import pg from 'pg';

const [mode, table] = process.argv.slice(2) as ['crash' | 'recover', string];
const connectionString = process.env.POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const receipts = new pg.Pool({ connectionString, max: 2 });
const send = (message: unknown) => process.send?.(message);

@Injectable()
class Receipts {
  private record(handler: string, event: DomainEvent) {
    return receipts.query(`INSERT INTO ${table}_received (handler, event_id) VALUES ($1, $2)`, [handler, event.id]);
  }
  @OnDomainEvent('order.placed')
  async onSync(event: DomainEvent) {
    await this.record('sync', event);
  }
  @OnDomainEvent('order.placed', { mode: 'async' })
  async onAsync(event: DomainEvent) {
    await this.record('async', event);
  }
}

async function main() {
  const store = new PostgresEventStore({ connectionString, table });
  if (mode === 'crash') {
    const append = store.append.bind(store);
    store.append = async (event, options) => {
      await append(event, options);
      send({ appended: event.id });
      await new Promise(() => {}); // the kill lands here: logged, never dispatched
    };
  }
  @Module({
    imports: [
      EventsModule.forRoot({
        source: 'crash-test',
        unknownEvents: 'allow',
        store,
        outbox: { enabled: mode === 'recover', graceMs: 0, intervalMs: 50 },
      }),
    ],
    providers: [Receipts],
  })
  class AppModule {}
  const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
  if (mode === 'crash') {
    await app.get(EventBus).publish(createDomainEvent({ type: 'order.placed', data: { order_id: 'o-1' } }));
    return;
  }
  process.on('message', (message) => {
    if (message === 'relay') void app.get(OutboxRelay).runOnce().then(send);
    if (message === 'close')
      void app
        .close()
        .then(() => receipts.end())
        .then(() => process.exit(0));
  });
  send({ ready: true });
}

main().catch((error: unknown) => {
  send({ error: String(error) });
  process.exit(1);
});
