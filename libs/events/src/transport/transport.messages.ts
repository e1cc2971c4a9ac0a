// Messages of the transport helpers and the in-memory transport. Kept apart from events.messages.ts, which the bus owns.

export const transportClosedMessage = (transport: string): string =>
  `The ${transport} transport has been closed (it closes with the EventsModule that uses it); publish from a running application.`;

export const transportNotStartedMessage = (transport: string): string =>
  `The ${transport} transport has not started; the EventsModule that uses it starts it at bootstrap.`;

export const undecodableMessageReason = (cause: string): string =>
  `The message could not be decoded into an event (${cause}). Fix the producer, or deploy a consumer that knows this ` +
  `type and version, then reprocess the dead letter.`;

export const deliveryLimitReason = (limit: number): string =>
  `The message was delivered more than ${limit} times without being acknowledged (a consumer kept crashing or the ` +
  `delivery driver kept refusing it). Find the cause in the logs, then reprocess the dead letter.`;
