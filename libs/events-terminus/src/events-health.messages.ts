// Every user-facing message of this lib lives here so the wording stays consistent and says how to fix the problem.
// Health responses are public: nothing here may carry a connection string or a credential.

import { describeValue } from '@webnovel/events/internal';
export const routeOptionFromFactoryProblem = (name: string): string =>
  `${name} was returned by the forRootAsync factory, but it decides what the module mounts and exports, which is settled ` +
  `before the factory runs; ` +
  `pass it to forRootAsync({ ${name}, useFactory }) itself`;

export const pathProblem = (value: unknown, max: number): string =>
  `path must be a route of at most ${max} characters made of URL-safe segments (letters, digits, "-", "_", "." and "~") ` +
  `separated by "/", such as "health" or "ops/health", without parameters, wildcards or empty segments; got ${describeValue(value)}`;

export const pathWithoutControllerProblem = (): string =>
  'path is set but controller is false, so nothing is mounted there; drop path, or drop controller: false to mount the routes';

export const controllerProblem = (value: unknown): string =>
  `controller must be true (mount GET <path> and GET <path>/live) or false (only provide EventsHealthIndicator), got ${describeValue(value)}`;

export const isGlobalProblem = (value: unknown): string => `isGlobal must be true or false, got ${describeValue(value)}`;

export const timeoutMsProblem = (value: unknown, max: number, fallback: number): string =>
  `timeoutMs must be an integer of milliseconds from 1 to ${max} (default ${fallback}), below the timeout of the probe ` +
  `that calls the route; got ${describeValue(value)}`;

export const notReadyMessage = (): string =>
  'EventsModule is not ready: it is still discovering handlers or starting the delivery consumers, or it is shutting down';

export const noBackendMessage = (component: string): string => `${component} has no backend to ping`;

export const storeWithoutPingMessage = (component: string): string => `${component} does not implement ping(), so it is not checked`;

export const noStoreMessage = (): string => 'EventsModule has no store, so there is none to check';

export const noTransportMessage = (): string => 'EventsModule has no transport, so there is no broker to check';

export const transportWithoutPingMessage = (component: string): string =>
  `${component} does not implement ping(), so the broker is not checked`;
