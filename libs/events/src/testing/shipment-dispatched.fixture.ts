// A payload with a date and a nested class, for the tests of every path that reads an event back: JSON turns both into
// plain values, and only a revive through the catalog brings the classes back.
import 'reflect-metadata';
import assert from 'node:assert/strict';
import { Type } from 'class-transformer';
import { IsDate, IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { EventCatalog } from '../catalog/event-catalog.js';
import { defineEvent, eventFactory } from '../catalog/event-definition.js';
import { createDomainEvent } from '../event/domain-event.js';
import type { DomainEvent } from '../interfaces/domain-event.interface.js';

export class ShipmentAddress {
  @IsString()
  city!: string;

  @IsString({ each: true })
  lines!: string[];
}

export class ShipmentDispatchedPayload {
  @IsString()
  shipment_id!: string;

  @IsInt()
  @Min(1)
  parcels!: number;

  @IsDate()
  @Type(() => Date)
  dispatched_at!: Date;

  @ValidateNested()
  @Type(() => ShipmentAddress)
  address!: ShipmentAddress;
}

export const shipmentDispatched = defineEvent({ type: 'shipment.dispatched', payload: ShipmentDispatchedPayload });
export const shipmentDispatchedEvent = eventFactory(shipmentDispatched);
/** A catalog of that one type. */
export const shipmentCatalog = new EventCatalog([shipmentDispatched]);

const DISPATCHED_AT = '2026-03-04T05:06:07.089Z';

/** A `shipment.dispatched` event as it comes back from JSON: its date a string and its address a plain object. */
export function plainShipmentEvent(overrides: { id?: string; occurredAt?: Date } = {}): DomainEvent {
  return createDomainEvent({
    type: 'shipment.dispatched',
    ...overrides,
    data: JSON.parse(
      JSON.stringify({
        shipment_id: 'shp-1',
        parcels: 2,
        dispatched_at: DISPATCHED_AT,
        address: { city: 'Hangzhou', lines: ['1 West Lake Rd'] },
      }),
    ) as unknown,
  });
}

/** Asserts that `event` is a revived `shipment.dispatched`: payload class, real Date, nested class, values intact. */
export function assertRevivedShipment(event: DomainEvent | undefined, path: string): void {
  assert.ok(event, `${path}: no event`);
  const data = event.data as ShipmentDispatchedPayload;
  assert.ok(
    data instanceof ShipmentDispatchedPayload,
    `${path}: data is a ${(data as object)?.constructor?.name}, not ShipmentDispatchedPayload`,
  );
  assert.ok(data.dispatched_at instanceof Date, `${path}: dispatched_at is a ${typeof data.dispatched_at}, not a Date`);
  assert.equal(data.dispatched_at.toISOString(), DISPATCHED_AT, `${path}: dispatched_at changed`);
  assert.ok(data.address instanceof ShipmentAddress, `${path}: address is not a ShipmentAddress`);
  assert.deepEqual(data.address.lines, ['1 West Lake Rd'], `${path}: address.lines changed`);
  assert.ok(event.occurredAt instanceof Date, `${path}: occurredAt is not a Date`);
}
