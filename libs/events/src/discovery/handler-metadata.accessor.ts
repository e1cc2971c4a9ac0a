import { Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { DomainEventHandlerMetadata } from '../decorators/on-domain-event.decorator.js';
import { DOMAIN_EVENT_HANDLER_METADATA } from '../events.constants.js';

/** Reads `@OnDomainEvent` metadata. The one place that knows the metadata key. */
@Injectable()
export class HandlerMetadataAccessor {
  constructor(private readonly reflector: Reflector) {}

  getHandlerMetadata(method: (...args: unknown[]) => unknown): readonly DomainEventHandlerMetadata[] | undefined {
    // Reflector.get reads through Reflect metadata, so subclass overrides without the decorator are not handlers.
    return this.reflector.get<DomainEventHandlerMetadata[] | undefined>(DOMAIN_EVENT_HANDLER_METADATA, method);
  }
}
