// The fixture app of this lib's tests: EventsModule with the given delivery driver and store, and the health module
// under test. Not part of the package (see "files" in package.json).
import type { DynamicModule, INestApplication, LoggerService } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { EventsModule, InMemoryEventStore, InProcessDelivery, type DeliveryHost, type EventsModuleOptions } from '@webnovel/events';
import { deferred, type Deferred } from '@webnovel/testing';

export const quiet: LoggerService = { log() {}, warn() {}, error() {}, debug() {}, verbose() {} };

/** An application with EventsModule and `health`, compiled but not initialised, so a test can watch it start. */
export async function createHealthApp(health: DynamicModule, events: EventsModuleOptions = {}): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [EventsModule.forRoot({ unknownEvents: 'allow', logHandlers: false, ...events }), health],
  })
    .setLogger(quiet)
    .compile();
  return moduleRef.createNestApplication();
}

/** The in-process driver, held at `start` and `close` until the test opens the gates. */
export class GatedDelivery extends InProcessDelivery {
  readonly startGate: Deferred<void> = deferred();
  readonly closeGate: Deferred<void> = deferred();
  readonly startEntered: Deferred<void> = deferred();
  readonly closeEntered: Deferred<void> = deferred();

  override async start(host: DeliveryHost): Promise<void> {
    this.startEntered.resolve();
    await this.startGate.promise;
    super.start(host);
  }

  override async close(timeoutMs: number): Promise<void> {
    this.closeEntered.resolve();
    await this.closeGate.promise;
    await super.close(timeoutMs);
  }
}

/** The in-memory store whose ping never answers, as a store behind a hung network would not. */
export class HangingStore extends InMemoryEventStore {
  override ping(): Promise<void> {
    return new Promise<void>(() => undefined);
  }
}

/** The in-memory store whose ping fails with `error`. */
export class FailingStore extends InMemoryEventStore {
  constructor(private readonly error: Error) {
    super();
  }

  override async ping(): Promise<void> {
    throw this.error;
  }
}

/** The in-memory store as a store without `ping` (an adapter written before it existed) would be. */
export class UnpingableStore extends InMemoryEventStore {
  constructor() {
    super();
    Object.defineProperty(this, 'ping', { value: undefined });
  }
}
