// First: tracing must patch `http` before Nest loads it.
import { tracing } from './instrumentation.js';
import 'reflect-metadata';
import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { readUserServiceConfig } from './app.config.js';
import { AppModule } from './app.module.js';
import { configureApp } from './app.setup.js';

const DEFAULT_PORT = 3000;

/** Starts the user service on `PORT` (default 3000); see `app.config.ts` for the other variables. */
async function bootstrap(): Promise<void> {
  const port = Number(process.env.PORT || DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be an integer from 0 to 65535 (got "${process.env.PORT}").`);
  // Buffered until pino takes over, so bootstrap lines come out as JSON too.
  const config = readUserServiceConfig(process.env);
  const app = configureApp(await NestFactory.create(AppModule.forRoot(config), { bufferLogs: true }), config.logLevel);
  // Closes the bus on SIGTERM, so in-flight async handlers (welcome mail) get their shutdown timeout to finish;
  // the tracing SDK flushes its last spans after that.
  app.enableShutdownHooks();
  process.once('beforeExit', () => void tracing?.shutdown());
  await app.listen(port);
  new NestLogger('UserService').log(`Listening on ${await app.getUrl()}${tracing ? ', exporting traces over OTLP' : ''}`);
}

await bootstrap();
