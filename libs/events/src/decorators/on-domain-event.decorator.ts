import { DOMAIN_EVENT_HANDLER_METADATA } from '../events.constants.js';
import { InvalidHandlerOptionsError } from '../errors/handler-registration.error.js';
import type { DomainEventHandlerOptions, EventPattern } from '../interfaces/handler.interface.js';
import { handlerProblems } from '../options/handler-options.validator.js';
import { toPatternList } from '../registry/event-pattern.js';

/** What one `@OnDomainEvent` leaves on a method. */
export interface DomainEventHandlerMetadata {
  readonly patterns: readonly string[];
  readonly options: DomainEventHandlerOptions;
}

/**
 * Marks a provider (or controller) method as a handler of the events matching `pattern`. Stackable: decorators
 * with the same options register ONE handler with all their patterns (`@OnDomainEvent('a') @OnDomainEvent('b')` is
 * `@OnDomainEvent(['a', 'b'])`), which runs once per event. Stacked ones that set different options, a `name`, a
 * `version` or a `retryable` function stay separate handlers, so give each a distinct `name`.
 *
 * The method receives the event and a `HandlerContext`: its name, the attempt (1, then 2, 3... on retries) and
 * the mode of this run.
 *
 * @example
 * ```ts
 * @OnDomainEvent('book.purchased', { mode: 'async', retry: { maxAttempts: 8 } })
 * onPurchase(event: DomainEvent<BookPurchasedPayload>, context: HandlerContext) { ... }
 * ```
 * @throws InvalidHandlerOptionsError when the module is loaded, for a bad pattern, name, mode or retry policy
 */
export function OnDomainEvent(pattern: EventPattern, options: DomainEventHandlerOptions = {}): MethodDecorator {
  return (target, propertyKey, descriptor) => {
    const patterns = toPatternList(pattern);
    const problems = handlerProblems(patterns, options);
    if (problems.length > 0) {
      throw new InvalidHandlerOptionsError(`${target.constructor.name}.${String(propertyKey)}`, problems);
    }
    const method = descriptor.value as object;
    const existing = (Reflect.getMetadata(DOMAIN_EVENT_HANDLER_METADATA, method) ?? []) as DomainEventHandlerMetadata[];
    // Decorators apply bottom-up; unshift keeps the metadata in source order.
    Reflect.defineMetadata(DOMAIN_EVENT_HANDLER_METADATA, [{ patterns, options: { ...options } }, ...existing], method);
    return descriptor;
  };
}
