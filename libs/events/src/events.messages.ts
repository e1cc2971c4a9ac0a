import type { Violation } from './interfaces/violation.interface.js';

// Every user-facing message lives here so wording stays consistent and says how to fix the problem.

const list = (items: readonly string[]): string => items.map((item) => `  - ${item}`).join('\n');

export const eventValidationMessage = (type: string, version: number, violations: readonly Violation[]): string =>
  `Event "${type}" v${version} was rejected; nothing was dispatched. Fix these fields:\n${list(
    violations.map((v) => `${v.path}: ${v.message} (${v.constraint})`),
  )}`;

export const unknownEventTypeMessage = (type: string): string =>
  `Event type "${type}" is not in the event catalog; nothing was dispatched. ` +
  `Add its definition to the "catalog" option, or set unknownEvents: 'allow' to publish uncatalogued types.`;

export const unknownEventVersionMessage = (type: string, version: number, known: readonly number[]): string =>
  `Event "${type}" v${version} is not registered; the catalog knows version${known.length === 1 ? '' : 's'} ${known.join(', ')}. ` +
  `Register v${version} in the catalog or publish a known version.`;

export const handlersFailedMessage = (failures: readonly { handler: string; eventType: string; error: unknown }[]): string =>
  `${failures.length} event handler${failures.length === 1 ? '' : 's'} failed:\n${list(
    failures.map((f) => `${f.handler} on "${f.eventType}": ${describeError(f.error)}`),
  )}`;

export const duplicateHandlerNameMessage = (name: string, first: string, second: string): string =>
  `Two event handlers are named "${name}" (${first} and ${second}). Handler names must be unique because queues and ` +
  `consumer groups derive from them; give one of them an explicit { name } in @OnDomainEvent.`;

export const requestScopedHandlerMessage = (className: string, methodName: string): string =>
  `${className}.${methodName} is an @OnDomainEvent handler on a request-scoped or transient provider. Events have no ` +
  `request, so handlers must live on singleton providers; move the handler to a default-scoped provider.`;

export const invalidHandlerOptionsMessage = (target: string, problems: readonly string[]): string =>
  `@OnDomainEvent on ${target} is invalid:\n${list(problems)}`;

export const invalidPatternMessage = (pattern: string): string =>
  `"${pattern}" is not a valid event pattern. Use an exact type ("book.purchased"), "*" in place of one segment ` +
  `("user.*"), or "*" alone for every event.`;

export const busClosedMessage = (type: string): string => `Cannot publish "${type}": the event bus has shut down with its application.`;

export const duplicateDefinitionMessage = (type: string, version: number): string =>
  `Event "${type}" v${version} is defined twice in the catalog; each (type, version) needs exactly one payload class.`;

export const invalidEnvelopeMessage = (violations: readonly Violation[]): string =>
  `The event envelope is invalid:\n${list(violations.map((v) => `${v.path}: ${v.message}`))}`;

/** Renders any thrown value compactly for aggregated messages. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

export const invalidEventQueryMessage = (problems: readonly string[]): string =>
  `The event query is invalid; nothing was queried:\n${list(problems)}`;

export const eventStoreUnavailableMessage = (store: string, type: string, id: string, cause: unknown): string =>
  `The ${store} event store could not append "${type}" (${id}), so nothing was dispatched: ${describeError(cause)}. ` +
  `Check the store's connection; publish again once it is back (the same event id is appended once).`;

export const eventStoreRequiredMessage = (operation: string): string =>
  `${operation} needs the durable event log, but EventsModule has no store. Set the "store" option ('memory' or an EventStore such as PostgresEventStore).`;

export const unknownReplayHandlerMessage = (unknown: readonly string[], known: readonly string[]): string =>
  `Cannot replay to unknown handler${unknown.length === 1 ? '' : 's'} ${unknown.map((n) => `"${n}"`).join(', ')}; nothing was replayed. ` +
  `Registered handlers: ${known.length ? known.join(', ') : '(none)'}.`;

export const invalidDeadLetterQueryMessage = (problems: readonly string[]): string =>
  `The dead-letter query is invalid; nothing was read or changed:\n${list(problems)}`;

export const invalidMonitoringQueryMessage = (problems: readonly string[]): string =>
  `The monitoring summary cannot answer this query:\n${list(problems)}`;

export const deadLetterHandlerMissingMessage = (id: string, handler: string): string =>
  `Cannot reprocess dead letter ${id}: handler "${handler}" is not registered in this application. ` +
  `Reprocess it from the service that owns the handler, or delete it if the handler was retired.`;

export const deliveryUnavailableMessage = (driver: string, type: string, id: string, cause: unknown): string =>
  `The ${driver} delivery could not accept "${type}" (${id}) for its async handlers: ${describeError(cause)}. ` +
  `With a store, the event stays pending and the outbox relay delivers it once the driver is back.`;

export const transportUnavailableMessage = (transport: string, type: string, id: string, cause: unknown): string =>
  `The ${transport} transport could not publish "${type}" (${id}): ${describeError(cause)}. ` +
  `With a store, the event stays pending and the outbox relay publishes it once the broker is back; without one, ` +
  `publish it again (consumers deduplicate by event id).`;

export const busNotReadyMessage = (type: string, waitedMs: number, cause: unknown): string =>
  cause === undefined
    ? `Cannot publish "${type}": the application was not initialised within ${waitedMs} ms (readyTimeoutMs), so no ` +
      `handler is registered yet and nothing was dispatched. Call \`await app.init()\` (or \`await moduleRef.init()\` after ` +
      `\`Test.createTestingModule(...).compile()\`) before publishing: handlers are discovered and the delivery driver ` +
      `starts during init.`
    : `Cannot publish "${type}": the application failed to initialise (${describeError(cause)}), so nothing was dispatched. ` +
      `Fix the bootstrap error above and start the application again.`;

export const unknownEventPatternMessage = (
  patterns: readonly { handler: string; origin: string; pattern: string; nearest: readonly string[] }[],
): string =>
  `${patterns.length} handler pattern${patterns.length === 1 ? ' matches' : 's match'} no type in the event catalog, so ` +
  `${patterns.length === 1 ? 'it' : 'they'} would never fire:\n${list(
    patterns.map(
      (p) =>
        `${p.handler}${p.handler === p.origin ? '' : ` (${p.origin})`} subscribes to "${p.pattern}"` +
        (p.nearest.length > 0 ? `; the nearest known types are ${p.nearest.map((t) => `"${t}"`).join(', ')}` : ''),
    ),
  )}\nFix the pattern, add the type to the catalog, or set unknownEvents: 'allow' to subscribe to uncatalogued types.`;

export const invalidUpcasterMessage = (problems: readonly string[]): string => `The upcaster cannot be defined:\n${list(problems)}`;

export const eventVersioningMessage = (problems: readonly string[]): string =>
  `Some event versions cannot reach the version their handlers take (${problems.length} problem${problems.length === 1 ? '' : 's'}). ` +
  `Register the missing upcasters (EventsModule option upcasters), or have the handler take a version every registered one can reach:\n${list(problems)}`;

export const downcastMessage = (type: string, version: number, handlerVersion: number, handler: string): string =>
  `Event "${type}" v${version} is newer than v${handlerVersion}, the version ${handler} takes, and events are never downcast. ` +
  `Update the handler to take v${version} (or drop its version option), or register v${version} in this application's catalog ` +
  'so that bootstrap checks it.';

export const upcasterMissingMessage = (type: string, from: number, to: number): string =>
  `No upcaster leads "${type}" from v${from} to v${to}. Register the upcasters of every step (v${from}→v${from + 1}, …) ` +
  'in the EventsModule option upcasters; the event is kept in the dead-letter queue for reprocessing.';

export const upcastFailedMessage = (type: string, from: number, to: number, violations: readonly Violation[], cause?: unknown): string =>
  `Upcasting "${type}" from v${from} to v${to} failed` +
  (cause === undefined ? '' : `: the upcaster threw ${describeError(cause)}`) +
  (violations.length === 0
    ? '.'
    : `; the result does not satisfy v${to}'s payload class:\n${list(violations.map((v) => `${v.path}: ${v.message} (${v.constraint})`))}`);
