// One user registration followed end to end: the HTTP request's span, the publish, and every handler run, including
// the welcome mail that a BullMQ worker runs after a real Redis hop; and the pino lines that carry the same ids.
import { sdk, spans } from './test/tracing.setup.js';
import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { waitFor } from '@webnovel/testing';
import { Redis } from 'ioredis';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { readUserServiceConfig } from './app.config.js';
import { AppModule } from './app.module.js';
import { configureApp } from './app.setup.js';
import type { InMemoryMailSender } from './welcome-email/in-memory-mail.sender.js';
import { MAIL_SENDER } from './welcome-email/mail-sender.port.js';

const redisUrl = `redis://${process.env.REDIS_HOST ?? '127.0.0.1'}:${process.env.REDIS_PORT ?? 6379}`;

/** pino's JSON lines, parsed, as the app wrote them. */
class LineSink extends Writable {
  readonly lines: Record<string, unknown>[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') this.lines.push(JSON.parse(line));
    done();
  }
}

describe('user app tracing and logs across a BullMQ hop (e2e)', () => {
  const config = readUserServiceConfig({ REDIS_URL: redisUrl, EVENTS_QUEUE: `user-trace-${randomUUID().slice(0, 8)}`, LOG_LEVEL: 'debug' });
  const sink = new LineSink();
  let app: INestApplication;
  let http: Server;

  before(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config, { logDestination: sink })] }).compile();
    app = configureApp(moduleRef.createNestApplication({ bufferLogs: true }), config.logLevel);
    await app.init();
    http = app.getHttpServer() as Server;
  });

  after(async () => {
    await app?.close();
    await sdk.shutdown();
    const redis = new Redis(redisUrl);
    const keys = await redis.keys(`bull:${config.queueName}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('nests publish under the HTTP request and every handler run under publish, the BullMQ worker included', async () => {
    const email = `traced_${process.pid}@example.com`;
    await request(http)
      .post('/users')
      .send({ username: `traced_${process.pid}`, email, password: 'correct-horse-battery' })
      .expect(201);
    const mail = app.get<InMemoryMailSender>(MAIL_SENDER);
    await waitFor(() => mail.sent(email).length === 1, { description: 'the welcome mail' });

    const finished = (): ReadableSpan[] => spans.getFinishedSpans();
    const server = (): ReadableSpan | undefined =>
      finished().find(
        (s) => s.kind === SpanKind.SERVER && s.attributes['url.path'] === '/users' && s.attributes['http.request.method'] === 'POST',
      );
    await waitFor(() => server() !== undefined, { description: 'the HTTP server span' });
    const httpSpan = server()!;
    const traceId = httpSpan.spanContext().traceId;
    const inTrace = () => finished().filter((s) => s.spanContext().traceId === traceId);
    const publish = () => inTrace().find((s) => s.name === 'publish user.registered');
    await waitFor(() => publish() !== undefined, { description: 'the publish span' });
    assert.equal(publish()!.kind, SpanKind.PRODUCER);
    assert.equal(publish()!.parentSpanContext?.spanId, httpSpan.spanContext().spanId, 'publish is a child of the HTTP request');

    const runs = () => inTrace().filter((s) => s.name === 'process user.registered');
    const welcome = () => runs().find((s) => s.attributes['webnovel.handler.mode'] === 'async');
    await waitFor(() => welcome() !== undefined, { description: 'the BullMQ worker span' });
    for (const run of runs()) {
      assert.equal(run.kind, SpanKind.CONSUMER);
      assert.equal(
        run.parentSpanContext?.spanId,
        publish()!.spanContext().spanId,
        `${run.attributes['webnovel.handler.name']} under publish`,
      );
      assert.equal(run.status.code, SpanStatusCode.UNSET);
    }
    assert.ok(runs().length >= 3, 'the sync handlers (statistics, activity log) and the async welcome mail');
    assert.equal(welcome()!.attributes['webnovel.delivery.attempt'], 1);

    // The pino lines of the same flow carry the ids, the trace id included, through the BullMQ hop.
    const eventId = publish()!.attributes['messaging.message.id'];
    const lines = () => sink.lines.filter((l) => l.event_id === eventId);
    await waitFor(() => lines().some((l) => l.msg === 'event handled' && l.mode === 'async'), { description: 'the worker log line' });
    const published = lines().find((l) => l.msg === 'event published')!;
    assert.equal(published.event_type, 'user.registered');
    assert.equal(published.trace_id, traceId);
    assert.equal(published.correlation_id, eventId);
    assert.equal(typeof published.duration_ms, 'number');
    assert.equal(published.context, 'EventsModule');
    const handled = lines().filter((l) => l.msg === 'event handled');
    assert.ok(handled.length >= 3);
    for (const line of handled) {
      assert.equal(line.trace_id, traceId);
      assert.equal(typeof line.handler, 'string');
      assert.equal(line.attempt, 1);
      assert.equal(typeof line.duration_ms, 'number');
      assert.equal(line.level, 20, 'per-event lines are debug');
    }
    // The access line of the request is stamped with the same trace by the pino mixin.
    assert.ok(sink.lines.some((l) => l.msg === 'request completed' && l.trace_id === traceId));
  });

  it('never logs an admin key', async () => {
    await request(http).get('/admin/events/queues').set('x-api-key', 'a-secret-that-must-not-appear').expect(404);
    assert.ok(!JSON.stringify(sink.lines).includes('a-secret-that-must-not-appear'));
  });
});
