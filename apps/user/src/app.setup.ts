import { ValidationPipe, type INestApplication, type LogLevel } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import type { LogLevelName } from './app.config.js';

/** Nest's levels that pino at `level` lets through, most severe first. */
const NEST_LEVELS: readonly (readonly [LogLevelName, LogLevel])[] = [
  ['fatal', 'fatal'],
  ['error', 'error'],
  ['warn', 'warn'],
  ['info', 'log'],
  ['debug', 'debug'],
  ['trace', 'verbose'],
];

export function nestLogLevels(level: LogLevelName): LogLevel[] {
  if (level === 'silent') return [];
  const upTo = NEST_LEVELS.findIndex(([pino]) => pino === level);
  return NEST_LEVELS.slice(0, upTo + 1).map(([, nest]) => nest);
}

/**
 * Applies the app-wide HTTP setup (process concerns such as shutdown hooks stay in `main.ts`). `main.ts` and the e2e tests both call it, so tests exercise the
 * validation the real server runs.
 */
export function configureApp<T extends INestApplication>(app: T, logLevel: LogLevelName): T {
  // Nest's own lines and the event bus's structured lines go through the app's pino (see observability/logging.ts).
  app.useLogger(app.get(Logger));
  // Tells Nest which levels pino keeps: `Logger.isLevelEnabled` is then accurate, so the event bus does not build a
  // debug line per event for pino to drop. pino stays the logger; only the levels are set.
  app.useLogger(nestLogLevels(logLevel));
  // Unknown fields are refused rather than dropped, so a client's typo (`usename`) surfaces as a 400.
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  return app;
}
