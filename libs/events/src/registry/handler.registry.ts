import { Injectable } from '@nestjs/common';
import { DuplicateHandlerNameError } from '../errors/handler-registration.error.js';
import type { HandlerContext, RegisteredHandler } from '../interfaces/handler.interface.js';
import { compilePattern, type CompiledPattern } from './event-pattern.js';

/** The handlers one event type reaches, split by mode, in registration order. */
export interface HandlerRoute {
  readonly sync: readonly RegisteredHandler[];
  /** The context of each sync handler, index for index, built once with the route. */
  readonly syncContexts: readonly HandlerContext[];
  readonly async: readonly RegisteredHandler[];
}

interface Entry {
  readonly handler: RegisteredHandler;
  readonly patterns: readonly CompiledPattern[];
}

// Bounds the route cache when unknown types are allowed and arrive in unbounded variety.
const MAX_CACHED_ROUTES = 10_000;
const EMPTY_ROUTE: HandlerRoute = Object.freeze({ sync: [], syncContexts: [], async: [] });

/**
 * Every handler of one application, keyed by unique name. Routes per event type are computed once and cached
 * until the next (un)registration, so `publish` does one map lookup.
 */
@Injectable()
export class HandlerRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly routes = new Map<string, HandlerRoute>();
  private readyState = false;
  private resolveReady!: () => void;
  /** Settles once discovery has registered every decorated handler. */
  readonly ready: Promise<void> = new Promise((resolve) => (this.resolveReady = resolve));

  get isReady(): boolean {
    return this.readyState;
  }

  markReady(): void {
    this.readyState = true;
    this.resolveReady();
  }

  /**
   * Adds a handler and returns a function that removes it.
   * @throws DuplicateHandlerNameError when the name is taken
   */
  register(handler: RegisteredHandler): () => void {
    const existing = this.entries.get(handler.name);
    if (existing) throw new DuplicateHandlerNameError(handler.name, existing.handler.origin, handler.origin);
    const entry = { handler, patterns: handler.patterns.map(compilePattern) };
    this.entries.set(handler.name, entry);
    this.routes.clear();
    return () => {
      if (this.entries.get(handler.name) === entry) {
        this.entries.delete(handler.name);
        this.routes.clear();
      }
    };
  }

  /** The handler with this name, if registered (delivery drivers look handlers up by name). */
  get(name: string): RegisteredHandler | undefined {
    return this.entries.get(name)?.handler;
  }

  /** All registered handlers, in registration order. */
  all(): RegisteredHandler[] {
    return [...this.entries.values()].map((e) => e.handler);
  }

  /** The handlers `type` reaches. A handler matching through several patterns appears once. */
  route(type: string): HandlerRoute {
    const cached = this.routes.get(type);
    if (cached) return cached;
    const sync: RegisteredHandler[] = [];
    const async: RegisteredHandler[] = [];
    for (const { handler, patterns } of this.entries.values()) {
      if (patterns.some((p) => p.matches(type))) (handler.mode === 'sync' ? sync : async).push(handler);
    }
    const syncContexts = sync.map((h) => Object.freeze({ handler: h.name, attempt: 1, mode: 'sync' as const }));
    const route = sync.length === 0 && async.length === 0 ? EMPTY_ROUTE : Object.freeze({ sync, syncContexts, async });
    if (this.routes.size >= MAX_CACHED_ROUTES) this.routes.clear();
    this.routes.set(type, route);
    return route;
  }
}
