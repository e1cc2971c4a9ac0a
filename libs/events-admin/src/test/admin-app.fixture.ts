// The fixture app of this lib's e2e tests: EventsModule with the in-process driver and fast retries, two handlers that
// fail while switched off, and the admin module under test. Not part of the package (see "files" in package.json).
import { Injectable, type DynamicModule, type INestApplication, type LoggerService, type Provider } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  createDomainEvent,
  DeadLetters,
  EventBus,
  EventsModule,
  IN_PROCESS_QUEUE,
  InProcessDelivery,
  OnDomainEvent,
  type DeadLetter,
  type DomainEvent,
} from '@webnovel/events';
import { buildDeadLetter } from '@webnovel/events/internal';
import { waitFor } from '@webnovel/testing';
import type { Server } from 'node:http';

/** Valid keys for the tests (at least 16 characters). */
export const ADMIN_KEY = 'test-admin-key-0123456789abcdef';
export const NEXT_ADMIN_KEY = 'rotated-admin-key-fedcba9876543210';

export const quiet: LoggerService = { log() {}, warn() {}, error() {}, debug() {}, verbose() {} };

/** Records every text line, for asserting what was logged; the bus's structured per-event lines are left out. */
export class CapturingLogger implements LoggerService {
  readonly lines: { level: string; message: string }[] = [];
  log = (message: unknown) => this.keep('log', message);
  warn = (message: unknown) => this.keep('warn', message);
  error = (message: unknown) => this.keep('error', message);
  debug() {}
  verbose() {}

  private keep(level: string, message: unknown): void {
    if (typeof message === 'string') this.lines.push({ level, message });
  }

  messages(level: string): string[] {
    return this.lines.filter((l) => l.level === level).map((l) => l.message);
  }
}

/** Which handlers fail, and which (handler, event) pairs completed. */
@Injectable()
export class Switchboard {
  readonly broken = new Set<string>(['Billing.charge', 'Mailer.welcome']);
  readonly completed: string[] = [];

  run(handler: string, event: DomainEvent): void {
    if (this.broken.has(handler)) throw new Error(`${handler} is down`);
    this.completed.push(`${event.id}.${handler}`);
  }
}

@Injectable()
export class FixtureHandlers {
  constructor(private readonly switchboard: Switchboard) {}

  @OnDomainEvent('order.placed', { name: 'Billing.charge' })
  charge(event: DomainEvent): void {
    this.switchboard.run('Billing.charge', event);
  }

  @OnDomainEvent('user.registered', { name: 'Mailer.welcome' })
  welcome(event: DomainEvent): void {
    this.switchboard.run('Mailer.welcome', event);
  }
}

export interface FixtureApp {
  readonly app: INestApplication;
  readonly http: Server;
  readonly bus: EventBus;
  readonly deadLetters: DeadLetters;
  readonly delivery: InProcessDelivery;
  readonly switchboard: Switchboard;
}

/** Starts an HTTP app with the fixture handlers and the given admin module. */
export async function startFixtureApp(
  admin: DynamicModule,
  options: { logger?: LoggerService; providers?: Provider[]; imports?: DynamicModule[]; globalPrefix?: string } = {},
): Promise<FixtureApp> {
  const delivery = new InProcessDelivery();
  const moduleRef = await Test.createTestingModule({
    imports: [
      EventsModule.forRoot({
        unknownEvents: 'allow',
        defaultMode: 'async',
        logHandlers: false,
        delivery,
        retry: { maxAttempts: 2, initialDelayMs: 1, maxDelayMs: 2, jitter: 'none' },
      }),
      ...(options.imports ?? []),
      admin,
    ],
    providers: [Switchboard, FixtureHandlers, ...(options.providers ?? [])],
  })
    .setLogger(options.logger ?? quiet)
    .compile();
  const app = moduleRef.createNestApplication();
  if (options.globalPrefix) app.setGlobalPrefix(options.globalPrefix);
  await app.init();
  const bus = app.get(EventBus);
  await bus.waitUntilReady();
  return {
    app,
    http: app.getHttpServer() as Server,
    bus,
    deadLetters: app.get(DeadLetters),
    delivery,
    switchboard: app.get(Switchboard),
  };
}

/** Publishes `count` events of `type` and waits until each has been dead-lettered by its broken handler. */
export async function deadLettersFor(fixture: FixtureApp, type: 'order.placed' | 'user.registered', count: number): Promise<DomainEvent[]> {
  const before = (await fixture.deadLetters.list({}, { limit: 1 })).total;
  const events = Array.from({ length: count }, () => createDomainEvent({ type, data: {} }));
  for (const event of events) await fixture.bus.publish(event);
  await waitFor(async () => (await fixture.deadLetters.list({}, { limit: 1 })).total === before + count, {
    description: `${count} dead letters of ${type}`,
  });
  return events;
}

/** Adds a dead letter naming a handler this app does not have, as one left by a retired handler would be. */
export function addOrphanDeadLetter(fixture: FixtureApp): DeadLetter {
  const now = new Date();
  const letter = buildDeadLetter({
    event: createDomainEvent({ type: 'order.placed', data: {} }),
    handler: 'Retired.handler',
    queue: IN_PROCESS_QUEUE,
    error: new Error('gone'),
    attempts: 2,
    firstFailedAt: now,
    lastFailedAt: now,
  });
  fixture.delivery.deadLetters.add(letter);
  return letter;
}
