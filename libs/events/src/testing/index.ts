// Test kits for adapters of this package's ports. Imports node:test, so it is a separate entry point.
export { describeEventStoreConformance, type EventStoreHarness } from './event-store.conformance.js';
export { describeDeliveryConformance, type DeliveryHarness } from './delivery.conformance.js';
export * from './member-joined.versions.js';
export * from './shipment-dispatched.fixture.js';
export { describeTransportConformance, type TransportHarness, type TransportWorld } from './transport.conformance.js';
export { TestTransportHost, type TransportDeliveryCall } from './transport-host.double.js';
