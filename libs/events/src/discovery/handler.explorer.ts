import { Inject, Injectable } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { InstanceWrapper } from '@nestjs/core/injector/instance-wrapper.js';
import type { DomainEventHandlerMetadata } from '../decorators/on-domain-event.decorator.js';
import { RESOLVED_EVENTS_OPTIONS } from '../events.constants.js';
import { RequestScopedHandlerError } from '../errors/handler-registration.error.js';
import type { DomainEventHandlerFn, RegisteredHandler } from '../interfaces/handler.interface.js';
import type { ResolvedEventsOptions } from '../options/events-options.resolver.js';
import { HandlerMetadataAccessor } from './handler-metadata.accessor.js';

/**
 * Finds every `@OnDomainEvent` method on providers and controllers of every module. Aliases and repeated
 * instances are skipped so a handler fires once; request-scoped and transient hosts fail bootstrap.
 */
@Injectable()
export class HandlerExplorer {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly accessor: HandlerMetadataAccessor,
    @Inject(RESOLVED_EVENTS_OPTIONS) private readonly options: ResolvedEventsOptions,
  ) {}

  explore(): RegisteredHandler[] {
    const seen = new Set<object>();
    const handlers: RegisteredHandler[] = [];
    for (const wrapper of [...this.discovery.getProviders(), ...this.discovery.getControllers()]) {
      if (wrapper.isAlias) continue;
      const isStatic = wrapper.isDependencyTreeStatic() && !wrapper.isTransient;
      const instance = isStatic ? (wrapper.instance as object | undefined) : undefined;
      const prototype = isStatic
        ? instance
          ? Object.getPrototypeOf(instance)
          : undefined
        : (wrapper.metatype as { prototype?: object } | undefined)?.prototype;
      if (!prototype || typeof prototype !== 'object' || (instance && seen.has(instance))) continue;
      if (instance) seen.add(instance);
      handlers.push(...this.handlersOf(wrapper, prototype, instance));
    }
    return handlers;
  }

  private handlersOf(wrapper: InstanceWrapper, prototype: object, instance: object | undefined): RegisteredHandler[] {
    const className = (instance?.constructor ?? wrapper.metatype)?.name ?? String(wrapper.name);
    const handlers: RegisteredHandler[] = [];
    for (const methodName of this.scanner.getAllMethodNames(prototype)) {
      const method = (prototype as Record<string, DomainEventHandlerFn>)[methodName];
      const metadata = this.accessor.getHandlerMetadata(method as (...args: unknown[]) => unknown);
      if (!metadata?.length) continue;
      if (!instance) throw new RequestScopedHandlerError(className, methodName);
      const origin = `${className}.${methodName}`;
      const invoke = method.bind(instance) as DomainEventHandlerFn;
      handlers.push(...mergeStacked(metadata).map((m) => this.toHandler(m, origin, invoke)));
    }
    return handlers;
  }

  private toHandler(metadata: DomainEventHandlerMetadata, origin: string, invoke: DomainEventHandlerFn): RegisteredHandler {
    const { name, mode, retry, version } = metadata.options;
    return Object.freeze({
      name: name ?? origin,
      patterns: metadata.patterns,
      mode: mode ?? this.options.defaultMode,
      retry,
      ...(version === undefined ? {} : { version }),
      origin,
      invoke,
    });
  }
}

/**
 * Stacked decorators that differ only in their patterns are one handler (`@OnDomainEvent('a') @OnDomainEvent('b')`
 * equals `@OnDomainEvent(['a', 'b'])`). Ones that differ in options stay apart and need distinct names.
 */
function mergeStacked(metadata: readonly DomainEventHandlerMetadata[]): DomainEventHandlerMetadata[] {
  const merged = new Map<string, DomainEventHandlerMetadata>();
  const out: DomainEventHandlerMetadata[] = [];
  for (const m of metadata) {
    // A handler that names a version takes exactly one type, so it never merges with a stacked sibling.
    const key =
      m.options.name === undefined && m.options.version === undefined
        ? JSON.stringify({ mode: m.options.mode, retry: m.options.retry })
        : undefined;
    const previous = key === undefined || typeof m.options.retry?.retryable === 'function' ? undefined : merged.get(key);
    if (previous) {
      const patterns = [...new Set([...previous.patterns, ...m.patterns])];
      const combined = { patterns, options: previous.options };
      out[out.indexOf(previous)] = combined;
      merged.set(key!, combined);
      continue;
    }
    out.push(m);
    if (key !== undefined) merged.set(key, m);
  }
  return out;
}
