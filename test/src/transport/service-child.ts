// One service instance in a process of its own, for the cross-process transport tests: a Nest application with
// RabbitMqTransport (and BullMqDelivery when it has async handlers), driven by the parent over IPC.
// Usage: node service-child.js '<ServiceConfig as JSON>'; see service-protocol.ts for the messages.
// Every handler run writes to Redis directly (never through a proxy), so the parent counts effects across processes:
// HINCRBY <prefix>:effects <service>:<handler>:<event id> 1, HINCRBY <prefix>:instances <service>:<handler>:<instance> 1,
// and HSET <prefix>:seen <service>:<handler>:<event id> {version, data, trace}.
import 'reflect-metadata';
import { Injectable, Module, type LoggerService, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { bookPurchased, UserRegisteredV2, userLoggedIn, userRegistered, webNovelEvents, webNovelUpcasters } from '@webnovel/contracts';
import {
  DeadLetters,
  EventBus,
  EventCatalog,
  EventsInstrumentation,
  EventsModule,
  OnDomainEvent,
  type DomainEvent,
  type EventDelivery,
} from '@webnovel/events';
import { BullMqDelivery } from '@webnovel/events-bullmq';
import { RabbitMqTransport } from '@webnovel/events-rabbitmq';
import { Redis } from 'ioredis';
import type {
  Command,
  EventKind,
  HandlerSpec,
  PublishResult,
  Rejection,
  Reply,
  SeenDeadLetter,
  SeenRecord,
  ServiceConfig,
  StreamResult,
} from './service-protocol.js';

const config = JSON.parse(process.argv[2]!) as ServiceConfig;
const send = (message: unknown) => process.send?.(message);
const verbose = process.env.SERVICE_CHILD_LOGS === '1';
const quiet: LoggerService = { log() {}, warn() {}, error() {}, debug() {}, verbose() {} };
const redisHost = process.env.REDIS_HOST ?? '127.0.0.1';
const redis = new Redis({ host: redisHost, port: Number(process.env.REDIS_PORT ?? 6379) });
const spans = config.tracing ? new InMemorySpanExporter() : undefined;
if (spans) new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }).register();

/** Sync handler runs in this process per event id, to tell whether they ran inside publish. */
const localRuns = new Map<string, number>();
const records: SeenRecord[] = [];

async function run(spec: HandlerSpec, event: DomainEvent): Promise<void> {
  const data = event.data as Record<string, unknown>;
  if (spec.mode === 'sync' && config.blockOn !== undefined && data.order_id === config.blockOn) {
    send({ notice: 'blocked', eventId: event.id });
    await new Promise(() => {}); // the SIGKILL lands here, the message unacknowledged
  }
  if (spec.mode === 'sync') localRuns.set(event.id, (localRuns.get(event.id) ?? 0) + 1);
  const key = `${config.service}:${spec.name}`;
  const seen = {
    version: event.version,
    data,
    traceId: trace.getActiveSpan()?.spanContext().traceId,
    traceparent: event.metadata.traceparent,
  };
  await redis
    .multi()
    .hincrby(`${config.prefix}:effects`, `${key}:${event.id}`, 1)
    .hincrby(`${config.prefix}:instances`, `${key}:${config.instance}`, 1)
    .hset(`${config.prefix}:seen`, `${key}:${event.id}`, JSON.stringify(seen))
    .exec();
}

/** A provider with one `@OnDomainEvent` method per spec. */
function handlersOf(specs: readonly HandlerSpec[]): Type {
  class Handlers {}
  specs.forEach((spec, i) => {
    const descriptor: PropertyDescriptor = { value: (event: DomainEvent) => run(spec, event), writable: true, configurable: true };
    Object.defineProperty(Handlers.prototype, `handle${i}`, descriptor);
    OnDomainEvent(spec.type, { name: spec.name, mode: spec.mode })(Handlers.prototype, `handle${i}`, descriptor);
  });
  Injectable()(Handlers);
  return Handlers;
}

function eventOf(type: EventKind, key: string, i: number): DomainEvent {
  if (type === 'book.purchased')
    return bookPurchased({ order_id: `${key}-${i}`, user_id: 'u-1', book_id: 'b-1', amount: 100, currency: 'USD' });
  if (type === 'user.logged_in') return userLoggedIn({ user_id: `${key}-${i}` });
  return userRegistered({ user_id: `${key}-${i}`, username: `reader${i}`, email: `${key}-${i}@example.com` });
}

async function main() {
  const handlers = config.handlers ?? [];
  const older = config.catalog === 'v1';
  const catalog = new EventCatalog(older ? webNovelEvents.filter((d) => d !== UserRegisteredV2) : webNovelEvents);
  let delivery: EventDelivery | undefined;
  if (handlers.some((h) => h.mode === 'async'))
    delivery = new BullMqDelivery({
      connection: { host: redisHost, port: config.redisPort ?? Number(process.env.REDIS_PORT ?? 6379) },
      prefix: config.prefix,
      queueName: config.service,
      workers: config.workers ?? true,
      ...config.bullmq,
    });
  const transport = new RabbitMqTransport({
    url: config.url,
    logger: verbose ? undefined : quiet,
    reconnectDelayMs: 100,
    maxReconnectDelayMs: 500,
    ...config.rabbit,
  });
  @Module({
    imports: [
      EventsModule.forRoot({
        source: config.service,
        catalog,
        upcasters: older ? [] : webNovelUpcasters,
        logHandlers: false,
        eventLogLevel: false,
        transport: { adapter: transport, mode: config.mode ?? 'remote', localOnly: config.localOnly ?? [] },
        ...(delivery ? { delivery } : {}),
      }),
    ],
    providers: [handlersOf(handlers)],
  })
  class ServiceModule {}
  const app = await NestFactory.createApplicationContext(ServiceModule, {
    logger: verbose ? ['error', 'warn'] : false,
    abortOnError: false,
  });
  const bus = app.get(EventBus);
  app.get(EventsInstrumentation).observe({ transported: (r) => void records.push({ outcome: r.outcome, type: r.type, at: Date.now() }) });
  const syncFor = (type: string) => handlers.filter((h) => h.mode === 'sync' && h.type === type).length;

  let stream: { stop: boolean; done: Promise<void>; result: StreamResult } | undefined;
  const startStream = (pauseMs: number) => {
    const result: StreamResult = { confirmed: [], rejections: [] };
    const state = { stop: false, done: Promise.resolve(), result };
    state.done = (async () => {
      for (let n = 0; !state.stop; n++) {
        const event = eventOf('book.purchased', 'stream', n);
        const started = performance.now();
        try {
          await bus.publish(event);
          result.confirmed.push(event.id);
        } catch (error) {
          const e = error as { name?: string; transport?: string };
          const rejection: Rejection = { id: event.id, ms: performance.now() - started, name: String(e.name), transport: e.transport };
          result.rejections.push(rejection);
        }
        await new Promise((resolve) => setTimeout(resolve, pauseMs)); // pacing, so an outage does not spin the CPU
      }
    })();
    return state;
  };

  const handle = async (command: Command): Promise<unknown> => {
    switch (command.cmd) {
      case 'publish': {
        const result = { ids: [] as string[], ranInside: 0, traceIds: [] as string[] } satisfies PublishResult;
        const expected = syncFor(command.type);
        for (let i = 0; i < command.count; i++) {
          const event = eventOf(command.type, command.key ?? command.type, i);
          if (command.traced) {
            const tracer = trace.getTracer('service-child');
            await tracer.startActiveSpan('request', async (span) => {
              await bus.publish(event);
              span.end();
              result.traceIds.push(span.spanContext().traceId);
            });
          } else await bus.publish(event);
          result.ids.push(event.id);
          if (expected > 0 && localRuns.get(event.id) === expected) result.ranInside++;
        }
        return result;
      }
      case 'stream':
        stream = startStream(command.pauseMs);
        return true;
      case 'streamStatus':
        return { confirmed: stream?.result.confirmed.length ?? 0, rejected: stream?.result.rejections.length ?? 0 };
      case 'stopStream':
        stream!.stop = true;
        await stream!.done;
        return stream!.result;
      case 'records':
        return records;
      case 'spans':
        return (spans?.getFinishedSpans() ?? []).map((s) => ({
          name: s.name,
          traceId: s.spanContext().traceId,
          spanId: s.spanContext().spanId,
          parentSpanId: s.parentSpanContext?.spanId,
        }));
      case 'close':
        return undefined;
      case 'deadLetters': {
        const deadLetters = app.get(DeadLetters);
        if (command.op === 'reprocess') return deadLetters.reprocess(command.letterId!);
        if (command.op === 'purge') return deadLetters.purge(command.handler ? { handler: command.handler } : {});
        const page = await deadLetters.list();
        return page.items.map((l): SeenDeadLetter => ({
          id: l.id,
          handler: l.handler,
          queue: l.queue,
          eventId: l.event.id,
          type: l.event.type,
          error: { name: l.error.name, message: l.error.message },
          attempts: l.attempts,
        }));
      }
    }
  };

  process.on('message', (message: Command & { id: number }) => {
    if (message.cmd === 'close') {
      void app
        .close()
        .then(() => redis.quit())
        .finally(() => {
          send({ id: message.id, ok: true } satisfies Reply);
          process.exit(0);
        });
      return;
    }
    handle(message).then(
      (result) => send({ id: message.id, ok: true, result } satisfies Reply),
      (error: unknown) => send({ id: message.id, ok: false, error: String(error) } satisfies Reply),
    );
  });
  send({ notice: 'ready' });
}

main().catch((error: unknown) => {
  if (!process.send) throw error;
  // Exit once the notice is out: process.exit right away could drop it.
  process.send?.({ notice: 'failed', error: String((error as Error)?.stack ?? error) }, () => process.exit(1));
});
