// Public API of @webnovel/events-bullmq.
export { BullMqDelivery } from './bullmq.delivery.js';
export {
  resolveBullMqDeliveryOptions,
  bullMqDeliveryOptionsProblems,
  type BullMqDeliveryOptions,
  type ResolvedBullMqDeliveryOptions,
} from './bullmq-delivery.options.js';
export { BullMqDeadLetterQueue } from './bullmq-dead-letter.queue.js';
export { RETRY_POLICY_BACKOFF, type DeliveryJobData } from './delivery-job.js';
export { InvalidBullMqDeliveryOptionsError } from './errors/invalid-bullmq-delivery-options.error.js';
export { UnknownJobHandlerError } from './errors/unknown-job-handler.error.js';
export { EventsBullMqModule } from './events-bullmq.module.js';
export {
  EVENTS_BULLMQ_MODULE_OPTIONS,
  EVENTS_BULLMQ_OPTIONS_TYPE,
  EVENTS_BULLMQ_ASYNC_OPTIONS_TYPE,
  type EventsBullMqModuleOptions,
} from './events-bullmq.module-definition.js';
