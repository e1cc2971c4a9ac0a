// The fixture app of this lib's tests: EventsModule with the in-process driver, handlers that succeed, retry, dead-letter
// and fail, and the metrics module under test, over HTTP. Not part of the package (see "files" in package.json).
import { Injectable, type DynamicModule, type INestApplication, type LoggerService, type Provider, type Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  EventBus,
  EventsModule,
  InMemoryEventStore,
  InProcessDelivery,
  OnDomainEvent,
  type DomainEvent,
  type EventsModuleOptions,
  type HandlerContext,
} from '@webnovel/events';
import type { Server } from 'node:http';
import request from 'supertest';
import { parseExposition, type Exposition } from './exposition.parser.js';

export const quiet: LoggerService = { log() {}, warn() {}, error() {}, debug() {}, verbose() {} };

/** Records every line, for asserting what was logged. */
export class CapturingLogger implements LoggerService {
  readonly lines: { level: string; message: string }[] = [];
  log = (message: unknown) => void this.lines.push({ level: 'log', message: String(message) });
  warn = (message: unknown) => void this.lines.push({ level: 'warn', message: String(message) });
  error = (message: unknown) => void this.lines.push({ level: 'error', message: String(message) });
  debug() {}
  verbose() {}

  messages(level: string): string[] {
    return this.lines.filter((l) => l.level === level).map((l) => l.message);
  }
}

/** What the fixture handlers throw, so `error` labels and outcomes can be told apart. */
export class ChapterIndexError extends Error {
  override readonly name = 'ChapterIndexError';
}

/** Fast retries, so retry and dead-letter tests settle in milliseconds. */
const FAST_RETRY = { maxAttempts: 2, initialDelayMs: 1 } as const;

@Injectable()
export class FixtureHandlers {
  @OnDomainEvent('book.published', { name: 'Audit.record', mode: 'sync' })
  record(): void {}

  @OnDomainEvent('book.published', { name: 'Mailer.notify', mode: 'async' })
  async notify(): Promise<void> {}

  /** Fails its first run of every event, then succeeds. */
  @OnDomainEvent('chapter.added', { name: 'Search.index', mode: 'async', retry: FAST_RETRY })
  index(_event: DomainEvent, context: HandlerContext): void {
    if (context.attempt === 1) throw new ChapterIndexError('the index is warming up');
  }

  /** Fails every run: dead-lettered after its second. */
  @OnDomainEvent('chapter.removed', { name: 'Search.purge', mode: 'async', retry: FAST_RETRY })
  purge(): void {
    throw new ChapterIndexError('the index is read-only');
  }

  /** A sync handler that fails: the publish rejects with HandlersFailedError. */
  @OnDomainEvent('review.posted', { name: 'Moderation.check', mode: 'sync' })
  check(): void {
    throw new Error('flagged');
  }

  @OnDomainEvent('author.followed', { name: 'Feed.append', mode: 'async' })
  async append(): Promise<void> {}
}

/** An in-memory store whose appends, marks and reads can be made to fail, to drive the store metrics. */
export class FlakyStore extends InMemoryEventStore {
  failAppends = false;
  failMarks = false;
  failReads = false;

  override async append(...args: Parameters<InMemoryEventStore['append']>): Promise<void> {
    if (this.failAppends) throw new Error('store is read-only');
    return super.append(...args);
  }

  override async markDispatched(...args: Parameters<InMemoryEventStore['markDispatched']>): Promise<void> {
    if (this.failMarks) throw new Error('store is read-only');
    return super.markDispatched(...args);
  }

  override async findUndispatched(...args: Parameters<InMemoryEventStore['findUndispatched']>) {
    if (this.failReads) throw new Error('store is unreachable');
    return super.findUndispatched(...args);
  }
}

export interface MetricsApp {
  readonly app: INestApplication;
  readonly http: Server;
  readonly bus: EventBus;
  /** GETs the metrics endpoint, expects 200 and parses it. */
  scrape(path?: string): Promise<Exposition>;
}

export interface MetricsAppOptions {
  /** EventsModule options over the fixture's defaults. */
  events?: EventsModuleOptions;
  logger?: LoggerService;
  providers?: Provider[];
  imports?: (DynamicModule | Type)[];
  /** Leave out the fixture handlers. */
  handlers?: boolean;
}

/** Starts an HTTP app with the fixture handlers and the given metrics module. */
export async function startMetricsApp(metrics: DynamicModule, options: MetricsAppOptions = {}): Promise<MetricsApp> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      EventsModule.forRoot({
        unknownEvents: 'allow',
        logHandlers: false,
        eventLogLevel: false,
        delivery: new InProcessDelivery(),
        ...options.events,
      }),
      ...(options.imports ?? []),
      metrics,
    ],
    providers: [...(options.handlers === false ? [] : [FixtureHandlers]), ...(options.providers ?? [])],
  })
    .setLogger(options.logger ?? quiet)
    .compile();
  const app = moduleRef.createNestApplication();
  await app.init();
  const bus = app.get(EventBus);
  await bus.waitUntilReady();
  const http = app.getHttpServer() as Server;
  return { app, http, bus, scrape: (path = '/metrics') => scrape(http, path) };
}

/** GETs a metrics endpoint, expects 200 in the Prometheus text format and parses it. */
export async function scrape(http: Server, path = '/metrics'): Promise<Exposition> {
  const response = await request(http)
    .get(path)
    .expect(200)
    .expect('Content-Type', /^text\/plain; version=0\.0\.4/);
  return parseExposition(response.text);
}
