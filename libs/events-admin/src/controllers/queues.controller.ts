import { Get } from '@nestjs/common';
import { DeadLetters, type DeliveryQueueCounts } from '@webnovel/events';
import { AdminController } from './admin-controller.decorator.js';

/** Jobs per state in each of the delivery driver's queues. */
@AdminController('queues')
export class QueuesController {
  constructor(private readonly deadLetters: DeadLetters) {}

  /** `GET queues`: waiting, active, delayed, failed and dead per queue. */
  @Get()
  async counts(): Promise<{ queues: DeliveryQueueCounts[] }> {
    return { queues: await this.deadLetters.counts() };
  }
}
