import type { QueueOptions } from 'bullmq';
import { bullMqDeliveryOptionsProblems, prefixProblem, type BullMqDeliveryOptions } from './bullmq-delivery.options.js';
import { InvalidBullMqDeliveryOptionsError } from './errors/invalid-bullmq-delivery-options.error.js';
import type { EventsBullMqModuleOptions } from './events-bullmq.module-definition.js';
import { missingConnectionProblem, sharedPrefixHint } from './events-bullmq.messages.js';

/**
 * The options `EventsBullMqModule` builds its `BullMqDelivery` with: its own, completed by what `BullModule.forRoot`
 * (or `forRootAsync`) of `@nestjs/bullmq` shares, its `connection` and its `prefix`, so the events' queues live
 * beside the application's own BullMQ queues. An option given to `EventsBullMqModule` wins. The other shared
 * options (`defaultJobOptions`, `streams`, ...) are not used: the driver sets its own options on every job.
 *
 * @throws InvalidBullMqDeliveryOptionsError listing every problem, a bad shared prefix named as coming from there
 */
export function withSharedBullConfig(options: EventsBullMqModuleOptions, shared: QueueOptions | undefined): BullMqDeliveryOptions {
  const connection = options.connection ?? shared?.connection;
  const prefix = options.prefix ?? shared?.prefix;
  const merged = { ...options, connection, ...(prefix === undefined ? {} : { prefix }) } as BullMqDeliveryOptions;
  const fromShared = options.prefix === undefined && shared?.prefix !== undefined;
  const problems = bullMqDeliveryOptionsProblems({
    ...merged,
    // Reported below in words that say where they came from, rather than as the driver's own options.
    connection: connection ?? {},
    prefix: fromShared ? undefined : merged.prefix,
  } as BullMqDeliveryOptions);
  if (connection === undefined) problems.unshift(missingConnectionProblem);
  const sharedPrefix = fromShared ? prefixProblem(shared.prefix, 'prefix of BullModule.forRoot') : undefined;
  if (sharedPrefix !== undefined) problems.push(`${sharedPrefix}; ${sharedPrefixHint}`);
  if (problems.length > 0) throw new InvalidBullMqDeliveryOptionsError(problems);
  return merged;
}
