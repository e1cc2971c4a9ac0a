import { compilePattern, type CompiledPattern } from '../registry/event-pattern.js';

/** One message in an in-memory queue: the JSON body as a broker would hold it, and how often it went out. */
export interface InMemoryMessage {
  readonly body: string;
  /** The routing key: the event type, or `'invalid'` for an injected body. */
  readonly type: string;
  readonly messageId?: string;
  /** Deliveries so far (the quorum queue's delivery count, plus one). */
  deliveries: number;
}

/** A message the broker moved aside, and why. */
export interface InMemoryDeadLetter {
  readonly message: InMemoryMessage;
  /** `'undecodable'` or `'delivery_limit'`. */
  readonly reason: string;
  readonly error: { readonly name: string; readonly message: string };
  readonly deadLetteredAt: Date;
}

/** One delivery handed to a consumer; settle it exactly once. Later calls are ignored, as a stale delivery tag is. */
export interface InMemoryDelivery {
  readonly message: InMemoryMessage;
  ack(): void;
  /** Returns the message to the head of the queue, or dead-letters it past the limit; says which. */
  requeue(): 'requeued' | 'dead_lettered';
  /** Acks the message and keeps it as a dead letter. */
  deadLetter(letter: Omit<InMemoryDeadLetter, 'message' | 'deadLetteredAt'>): void;
}

/** A consumer attached to a queue, taking up to `prefetch` unsettled deliveries at once. */
export interface InMemoryConsumer {
  readonly prefetch: number;
  onDelivery(delivery: InMemoryDelivery): void;
}

/** What `consume` returns: stop getting new messages, then give back the unsettled ones (a closed channel). */
export interface InMemorySubscription {
  cancel(): void;
  /** Requeues every delivery still unsettled, as the broker does when a consumer's channel closes. */
  release(): void;
}

interface Attached {
  readonly consumer: InMemoryConsumer;
  readonly unsettled: Set<InMemoryDelivery>;
  active: boolean;
}

class InMemoryQueue {
  readonly ready: InMemoryMessage[] = [];
  readonly deadLetters: InMemoryDeadLetter[] = [];
  readonly consumers: Attached[] = [];
  readonly bindings: CompiledPattern[] = [];
  private next = 0;

  constructor(readonly deliveryLimit: number) {}

  enqueue(message: InMemoryMessage, front = false): void {
    if (front) this.ready.unshift(message);
    else this.ready.push(message);
    this.pump();
  }

  /** Round-robin over consumers with room, like RabbitMQ with a prefetch limit. */
  pump(): void {
    while (this.ready.length > 0) {
      const target = this.pickConsumer();
      if (target === undefined) return;
      const message = this.ready.shift()!;
      message.deliveries++;
      const delivery = this.delivery(message, target);
      target.unsettled.add(delivery);
      queueMicrotask(() => target.consumer.onDelivery(delivery));
    }
  }

  private pickConsumer(): Attached | undefined {
    for (let i = 0; i < this.consumers.length; i++) {
      const candidate = this.consumers[(this.next + i) % this.consumers.length]!;
      if (candidate.active && candidate.unsettled.size < candidate.consumer.prefetch) {
        this.next = (this.next + i + 1) % this.consumers.length;
        return candidate;
      }
    }
    return undefined;
  }

  private delivery(message: InMemoryMessage, owner: Attached): InMemoryDelivery {
    const settle = <T>(then: () => T, stale: T) => {
      if (!owner.unsettled.delete(delivery)) return stale;
      const result = then();
      this.pump();
      return result;
    };
    const delivery: InMemoryDelivery = {
      message,
      ack: () => settle(() => undefined, undefined),
      requeue: () => settle(() => this.giveBack(message), 'requeued'),
      deadLetter: (letter) => settle(() => void this.deadLetters.push({ ...letter, message, deadLetteredAt: new Date() }), undefined),
    };
    return delivery;
  }

  giveBack(message: InMemoryMessage): 'requeued' | 'dead_lettered' {
    // The quorum queue's backstop: a message returned more than `deliveryLimit` times is dead-lettered.
    if (message.deliveries > this.deliveryLimit) {
      this.deadLetters.push({
        message,
        reason: 'delivery_limit',
        error: { name: 'DeliveryLimitExceeded', message: `delivered ${message.deliveries} times` },
        deadLetteredAt: new Date(),
      });
      return 'dead_lettered';
    }
    this.ready.unshift(message);
    return 'requeued';
  }

  attach(consumer: InMemoryConsumer): InMemorySubscription {
    const attached: Attached = { consumer, unsettled: new Set(), active: true };
    this.consumers.push(attached);
    this.pump();
    return {
      cancel: () => {
        attached.active = false;
        const index = this.consumers.indexOf(attached);
        if (index >= 0) this.consumers.splice(index, 1);
        this.next = 0;
      },
      release: () => {
        const left = [...attached.unsettled].reverse();
        attached.unsettled.clear();
        for (const delivery of left) this.ready.unshift(delivery.message);
        this.pump();
      },
    };
  }
}

/**
 * A broker in memory that several `InMemoryTransport`s share: several applications in one process, or several
 * instances of one service in a test. Topic-exchange semantics: one queue per service, bound to its patterns (`*`
 * stands for one segment, `*` alone for every event); every service gets each event it is bound to, and instances of
 * one service compete for its queue's messages. Nothing is static: create one broker and pass it to each transport.
 */
export class InMemoryBroker {
  private readonly queues = new Map<string, InMemoryQueue>();

  /** Declares the service's queue (idempotent) and adds bindings for its patterns. */
  declare(service: string, patterns: readonly string[], deliveryLimit: number): void {
    let queue = this.queues.get(service);
    if (queue === undefined) this.queues.set(service, (queue = new InMemoryQueue(deliveryLimit)));
    for (const pattern of patterns)
      if (!queue.bindings.some((binding) => binding.source === pattern)) queue.bindings.push(compilePattern(pattern));
  }

  /** Routes a message to every queue bound to its type; returns how many took it. */
  publish(message: Omit<InMemoryMessage, 'deliveries'>): number {
    let routed = 0;
    for (const queue of this.queues.values())
      if (queue.bindings.some((binding) => binding.matches(message.type))) {
        queue.enqueue({ ...message, deliveries: 0 });
        routed++;
      }
    return routed;
  }

  /** Puts a message straight onto one service's queue (the default exchange): for tests and reprocessing. */
  send(service: string, message: Omit<InMemoryMessage, 'deliveries'>): void {
    this.queue(service).enqueue({ ...message, deliveries: 0 });
  }

  consume(service: string, consumer: InMemoryConsumer): InMemorySubscription {
    return this.queue(service).attach(consumer);
  }

  /** The service's dead letters, oldest first. The array is live: removing from it removes the dead letter. */
  deadLetters(service: string): InMemoryDeadLetter[] {
    return this.queue(service).deadLetters;
  }

  depth(service: string): { messages: number; consumers: number; deadLetters: number } {
    const queue = this.queue(service);
    return { messages: queue.ready.length, consumers: queue.consumers.length, deadLetters: queue.deadLetters.length };
  }

  private queue(service: string): InMemoryQueue {
    const queue = this.queues.get(service);
    if (queue === undefined)
      throw new Error(`No in-memory queue for service "${service}"; a transport of that service declares it at start.`);
    return queue;
  }
}
