import type { DomainEvent } from '../interfaces/domain-event.interface.js';
import type { DeliveryHost, EventDelivery } from '../interfaces/event-delivery.interface.js';
import type { RegisteredHandler } from '../interfaces/handler.interface.js';

/**
 * The embedded default: async handlers run in this process on a later turn of the event loop, each (event, handler)
 * pair on its own, retried by the handler's `RetryPolicy` with in-process timers. Not durable: work in flight or
 * waiting for a retry is lost if the process dies, and shutdown reports pairs still waiting as failed.
 */
export class InProcessDelivery implements EventDelivery {
  private host: DeliveryHost | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly sleepers = new Set<() => void>();
  private closed = false;

  start(host: DeliveryHost): void {
    this.host = host;
  }

  deliver(event: DomainEvent, handlers: readonly RegisteredHandler[]): Promise<void> {
    const host = this.host;
    if (!host || this.closed) return Promise.reject(new Error('InProcessDelivery is not running; it starts with the EventsModule.'));
    for (const handler of handlers) {
      const run = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => this.runWithRetries(host, handler, event))
        .finally(() => this.inFlight.delete(run));
      this.inFlight.add(run);
    }
    return Promise.resolve();
  }

  async close(timeoutMs: number): Promise<void> {
    this.closed = true;
    // Pairs waiting out a backoff give up now instead of holding shutdown for up to maxDelayMs.
    for (const wake of this.sleepers) wake();
    if (this.inFlight.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([Promise.allSettled([...this.inFlight]), timeout]);
    clearTimeout(timer);
  }

  private async runWithRetries(host: DeliveryHost, handler: RegisteredHandler, event: DomainEvent): Promise<void> {
    const policy = host.retryPolicy(handler);
    for (let attempt = 1; ; attempt++) {
      try {
        await host.run(handler, event, { handler: handler.name, attempt, mode: 'async' });
        return;
      } catch (error) {
        if (this.closed || !policy.shouldRetry(error, attempt)) return host.reportFailure(handler, event, error, attempt);
        await this.sleep(policy.delayMs(attempt));
        if (this.closed) return host.reportFailure(handler, event, error, attempt);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }
}
