// `@webnovel/events/internal`: helpers the sibling libs (stores, drivers, transports, admin, metrics) share with the
// core, so each wording, check and ordering rule exists once. Not for applications: it may change in any release.
export { describeError } from './events.messages.js';
export {
  invalidOptionsMessage,
  optionsNotObjectProblem,
  unknownOptionProblem,
  unknownAsyncOptionProblem,
  didYouMean,
  nearestName,
  catalogOptionProblems,
  describeValue,
  describeType,
  ASYNC_OPTION_KEYS,
  isOptionsRecord,
  normalizeRoutePath,
} from './options/option-problems.js';
export { EVENT_TYPE_PATTERN, HANDLER_NAME_PATTERN } from './events.constants.js';
export { MAX_SUMMARY_WINDOW_MINUTES } from './options/events-options.resolver.js';
export { isNonRetryable } from './retry/retry-policy.js';
export { compilePayloadValidator, type CompiledPayloadValidator } from './catalog/compiled-payload.validator.js';
export { payloadViolations } from './catalog/payload.validator.js';
export { deliveryPairId, buildDeadLetter, errorInfo, DELIVERY_PAIR_ID_PATTERN } from './delivery/delivery-pair.js';
export {
  deadLetterQueryProblems,
  matchesDeadLetterFilter,
  compareDeadLetters,
  MAX_DEAD_LETTER_PAGE,
  DEFAULT_DEAD_LETTER_PAGE,
} from './delivery/dead-letter.query.js';
export { expiresAtFor, retentionProblems } from './store/retention.js';
export { compareEventPosition, queryProblems, MAX_PAGE_LIMIT } from './store/event-order.js';
export { EVENTS_MESSAGING_SYSTEM } from './observability/event.tracer.js';
export { eventLogLine, type EventLogLine } from './observability/event-log-line.js';
export { DurationHistogram } from './observability/duration.histogram.js';
export {
  transportHandlerName,
  transportMessageId,
  transportDeadLetterId,
  undecodableEnvelope,
  pageDeadLetters,
  deadLetterIds,
  redeliveryDelay,
  type UndecodableMessage,
} from './transport/transport-dead-letter.js';
export { deliveryLimitReason, undecodableMessageReason } from './transport/transport.messages.js';
