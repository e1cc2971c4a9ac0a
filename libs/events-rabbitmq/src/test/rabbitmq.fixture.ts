// Shared by this lib's e2e tests; not part of the package (see "files" in package.json).
import type { LoggerService } from '@nestjs/common';
import { rabbitmqctl } from '@webnovel/testing';

export { createVhost, listRows, rabbitHost, rabbitmqctl, type TestVhost } from '@webnovel/testing';

export const quiet: LoggerService = { log() {}, warn() {}, error() {}, debug() {}, verbose() {} };

/**
 * Stops the broker's application, runs `during`, and starts it again whatever happened: other tests (and the next
 * run) need a running broker.
 */
export async function withBrokerStopped<T>(during: () => Promise<T>): Promise<T> {
  await rabbitmqctl('stop_app');
  try {
    return await during();
  } finally {
    await rabbitmqctl('start_app');
  }
}
