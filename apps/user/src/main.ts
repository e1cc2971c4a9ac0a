import 'reflect-metadata';
import { Logger } from '@nestjs/common';
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
  const app = configureApp(await NestFactory.create(AppModule.forRoot(readUserServiceConfig(process.env))));
  // Closes the bus on SIGTERM, so in-flight async handlers (welcome mail) get their shutdown timeout to finish.
  app.enableShutdownHooks();
  await app.listen(port);
  new Logger('UserService').log(`Listening on ${await app.getUrl()}`);
}

await bootstrap();
