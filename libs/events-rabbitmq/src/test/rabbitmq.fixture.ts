// Shared by this lib's e2e tests; not part of the package (see "files" in package.json).
import type { LoggerService } from '@nestjs/common';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The local broker the e2e tests run against; RABBITMQ_HOST / RABBITMQ_PORT point elsewhere. */
export const rabbitHost = `${process.env.RABBITMQ_HOST ?? '127.0.0.1'}:${process.env.RABBITMQ_PORT ?? 5672}`;

export const quiet: LoggerService = { log() {}, warn() {}, error() {}, debug() {}, verbose() {} };

/** Runs `rabbitmqctl` (as root on the test machine) and returns its stdout. */
export async function rabbitmqctl(...args: string[]): Promise<string> {
  const { stdout } = await run('rabbitmqctl', ['-q', ...args], { timeout: 60_000 });
  return stdout;
}

/** A vhost of its own for one test file, so queues and exchanges of parallel runs never meet. */
export interface TestVhost {
  readonly name: string;
  readonly url: string;
  delete(): Promise<void>;
}

export async function createVhost(label: string): Promise<TestVhost> {
  const name = `test-${label}-${randomBytes(4).toString('hex')}`;
  await rabbitmqctl('add_vhost', name);
  await rabbitmqctl('set_permissions', '-p', name, 'guest', '.*', '.*', '.*');
  return {
    name,
    url: `amqp://guest:guest@${rabbitHost}/${encodeURIComponent(name)}`,
    delete: async () => void (await rabbitmqctl('delete_vhost', name)),
  };
}

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

/** `rabbitmqctl list_queues name arguments` of a vhost, as rows of tab-separated columns. */
export async function listRows(vhost: string, what: 'queues' | 'bindings', ...columns: string[]): Promise<string[][]> {
  const out = await rabbitmqctl(`list_${what}`, '-p', vhost, '--no-table-headers', ...columns);
  return out
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.split('\t'));
}
