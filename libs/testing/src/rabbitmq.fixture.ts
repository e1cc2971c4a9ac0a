import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The local broker e2e tests run against; RABBITMQ_HOST / RABBITMQ_PORT point elsewhere. */
export const rabbitHost = `${process.env.RABBITMQ_HOST ?? '127.0.0.1'}:${process.env.RABBITMQ_PORT ?? 5672}`;

/** Runs `rabbitmqctl` (as root on the test machine) and returns its stdout. */
export async function rabbitmqctl(...args: string[]): Promise<string> {
  const { stdout } = await run('rabbitmqctl', ['-q', ...args], { timeout: 60_000 });
  return stdout;
}

/** A vhost of its own for one test file, so queues and exchanges of parallel runs never meet. */
export interface TestVhost {
  readonly name: string;
  /** `amqp://guest:guest@<host>/<vhost>`. */
  readonly url: string;
  delete(): Promise<void>;
}

/** Creates a vhost named `test-<label>-<random>` that guest may use; delete it in `after`. */
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

/** `rabbitmqctl list_queues|list_bindings -p <vhost>` with the given columns, as rows of columns. */
export async function listRows(vhost: string, what: 'queues' | 'bindings', ...columns: string[]): Promise<string[][]> {
  const out = await rabbitmqctl(`list_${what}`, '-p', vhost, '--no-table-headers', ...columns);
  return out
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.split('\t'));
}
