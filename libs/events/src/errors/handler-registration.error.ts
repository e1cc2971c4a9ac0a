import {
  duplicateHandlerNameMessage,
  invalidHandlerOptionsMessage,
  invalidPatternMessage,
  requestScopedHandlerMessage,
} from '../events.messages.js';

/** Two handlers share a name. Raised at bootstrap. */
export class DuplicateHandlerNameError extends Error {
  override readonly name = 'DuplicateHandlerNameError';

  constructor(
    readonly handlerName: string,
    readonly first: string,
    readonly second: string,
  ) {
    super(duplicateHandlerNameMessage(handlerName, first, second));
  }
}

/** A handler was declared on a request-scoped or transient provider. Raised at bootstrap. */
export class RequestScopedHandlerError extends Error {
  override readonly name = 'RequestScopedHandlerError';

  constructor(
    readonly className: string,
    readonly methodName: string,
  ) {
    super(requestScopedHandlerMessage(className, methodName));
  }
}

/** `@OnDomainEvent` or `subscribe` got options it cannot use. Raised where the handler is declared. */
export class InvalidHandlerOptionsError extends Error {
  override readonly name = 'InvalidHandlerOptionsError';

  constructor(
    readonly target: string,
    readonly problems: readonly string[],
  ) {
    super(invalidHandlerOptionsMessage(target, problems));
  }
}

/** A pattern is neither an exact type nor a valid wildcard. */
export class InvalidEventPatternError extends Error {
  override readonly name = 'InvalidEventPatternError';

  constructor(readonly pattern: string) {
    super(invalidPatternMessage(pattern));
  }
}
