import type { Type } from '@nestjs/common';
import type { DomainEvent, EventCreateOptions } from './domain-event.interface.js';

/** The plain data a payload class describes: its non-method properties. */
export type PayloadInput<T> = { [K in keyof T as T[K] extends (...args: never[]) => unknown ? never : K]: T[K] };

/** One (type, version) of the catalog with the class-validator class that describes its payload. */
export interface EventDefinition<TPayload extends object = object, TType extends string = string> {
  readonly type: TType;
  /** @default 1 */
  readonly version: number;
  /** A class decorated with class-validator (and class-transformer `@Type` for dates and nested objects). */
  readonly payload: Type<TPayload>;
  /** The business domain, used to group the generated catalog. */
  readonly domain?: string;
  /** One sentence on what the event means. */
  readonly description?: string;
}

/** Builds events of one definition: `bookPurchased({ ... })`. */
export interface EventFactory<TPayload extends object = object, TType extends string = string> {
  (data: PayloadInput<TPayload>, options?: EventCreateOptions): DomainEvent<TPayload, TType>;
  readonly definition: EventDefinition<TPayload, TType>;
}
