// The worker process that worker-crash.e2e-spec kills. It runs a BullMqDelivery with a short lock and stalled interval
// and one handler that reports over IPC that it started, then never finishes, so the parent can SIGKILL it mid-job.
// Usage: node worker-crash.e2e-spec.child.js <prefix> <queueName> <handlerName>
// (Named *.e2e-spec.child.ts so the package's "!dist/**/*.e2e-spec.*" rule keeps it out of the published files.)
import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventsModule, OnDomainEvent, type DomainEvent } from '@webnovel/events';
import { BullMqDelivery } from './bullmq.delivery.js';
import { redisConnection } from './test/redis.fixture.js';

const [prefix, queueName, handlerName] = process.argv.slice(2) as [string, string, string];
const connection = redisConnection;
const send = (message: unknown) => process.send?.(message);

@Injectable()
class Hanging {
  @OnDomainEvent('book.purchased', { name: handlerName })
  async run(event: DomainEvent): Promise<void> {
    send({ started: event.id });
    await new Promise(() => {}); // the SIGKILL lands here, with the job active and its lock held by this process
  }
}

async function main() {
  @Module({
    imports: [
      EventsModule.forRoot({
        unknownEvents: 'allow',
        defaultMode: 'async',
        delivery: new BullMqDelivery({ connection, prefix, queueName, lockDurationMs: 1000, stalledIntervalMs: 500 }),
      }),
    ],
    providers: [Hanging],
  })
  class WorkerModule {}
  await NestFactory.createApplicationContext(WorkerModule, { logger: false });
  send({ ready: true });
}

main().catch((error: unknown) => {
  send({ error: String(error) });
  process.exit(1);
});
