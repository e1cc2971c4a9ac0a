const list = (items: readonly string[]): string => items.map((i) => `  - ${i}`).join('\n');

export const invalidOptionsMessage = (problems: readonly string[]): string => `BullMqDelivery options are invalid:\n${list(problems)}`;

export const evictionPolicyMessage = (policy: string): string =>
  `Redis maxmemory-policy is "${policy}", not "noeviction": under memory pressure Redis may evict queued jobs and dead letters ` +
  `without an error. Set "maxmemory-policy noeviction" (and enable AOF) on the Redis that holds the event queues.`;

export const deadLetterWriteMessage = (pairId: string, queue: string): string =>
  `Could not write dead letter ${pairId} to ${queue}; BullMQ keeps the job in its failed set, and the driver moves it ` +
  `to the dead-letter queue at its next start.`;

export const notStartedMessage = 'BullMqDelivery has not started; it starts with the EventsModule that uses it';
export const closedMessage = 'BullMqDelivery has shut down';

export const unknownJobHandlerMessage = (pairId: string, handler: string, queue: string): string =>
  `Job ${pairId} on ${queue} is for handler "${handler}", which this application does not register, so it was dead-lettered. ` +
  `Give each service its own queueName, and retire a handler only after its queue has drained.`;

export const missingConnectionProblem =
  'connection is missing: pass connection to EventsBullMqModule.forRoot, or import BullModule.forRoot({ connection }) from @nestjs/bullmq';

export const sharedPrefixHint = 'fix it there, or give EventsBullMqModule.forRoot a prefix of its own, which wins';
