// Public API of @webnovel/service-kit: the wiring every web-novel service shares.
export { readTransportConfig, TRANSPORT_KINDS, DEFAULT_LOCAL_ONLY, type TransportConfig, type TransportKind } from './transport.config.js';
export { transportOptionsFor } from './transport.factory.js';
