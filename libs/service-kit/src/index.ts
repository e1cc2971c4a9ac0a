// Public API of @webnovel/service-kit: the wiring every web-novel service shares.
export { readTransportConfig, TRANSPORT_KINDS, DEFAULT_LOCAL_ONLY, type TransportConfig, type TransportKind } from './transport.config.js';
export { transportOptionsFor } from './transport.factory.js';
export { readDatabaseConfig, type DatabaseConfig, type DatabaseKind } from './database.config.js';
export { openDatabase, type Database } from './database.factory.js';
export { InvalidDatabaseConfigError } from './errors/invalid-database-config.error.js';
