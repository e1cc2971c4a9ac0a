import { ValidationPipe, type INestApplication } from '@nestjs/common';
import { Logger } from 'nestjs-pino';

/**
 * Applies the app-wide HTTP setup (process concerns such as shutdown hooks stay in `main.ts`). `main.ts` and the e2e tests both call it, so tests exercise the
 * validation the real server runs.
 */
export function configureApp<T extends INestApplication>(app: T): T {
  // Nest's own lines and the event bus's structured lines go through the app's pino (see observability/logging.ts).
  app.useLogger(app.get(Logger));
  // Unknown fields are refused rather than dropped, so a client's typo (`usename`) surfaces as a 400.
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  return app;
}
