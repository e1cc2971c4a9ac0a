import type { DomainEvent } from '../interfaces/domain-event.interface.js';
import type { DeliveryHost, EventDelivery } from '../interfaces/event-delivery.interface.js';
import type { RegisteredHandler } from '../interfaces/handler.interface.js';

/**
 * The embedded default: async handlers run in this process on a later turn of the event loop, each
 * (event, handler) pair on its own. Not durable: work in flight is lost if the process dies.
 */
export class InProcessDelivery implements EventDelivery {
  private host: DeliveryHost | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private closed = false;

  start(host: DeliveryHost): void {
    this.host = host;
  }

  deliver(event: DomainEvent, handlers: readonly RegisteredHandler[]): Promise<void> {
    const host = this.host;
    if (!host || this.closed) return Promise.reject(new Error('InProcessDelivery is not running; it starts with the EventsModule.'));
    for (const handler of handlers) {
      const run = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => host.run(handler, event, { handler: handler.name, attempt: 1, mode: 'async' }))
        .catch((error: unknown) => host.reportFailure(handler, event, error, 1))
        .finally(() => this.inFlight.delete(run));
      this.inFlight.add(run);
    }
    return Promise.resolve();
  }

  async close(timeoutMs: number): Promise<void> {
    this.closed = true;
    if (this.inFlight.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([Promise.allSettled([...this.inFlight]), timeout]);
    clearTimeout(timer);
  }
}
