// The parent's side of the cross-process transport tests: a vhost per test, service processes to fork and drive, and
// the effect counts in Redis.
import { createVhost, deleteKeysUnder, listRows, redisConnection, withTimeout } from '@webnovel/testing';
import { Redis } from 'ioredis';
import { Connection } from 'rabbitmq-client';
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { Command, Notice, Reply, ServiceConfig } from './service-protocol.js';

const childScript = fileURLToPath(new URL('./service-child.js', import.meta.url));

export const rabbitPort = Number(process.env.RABBITMQ_PORT ?? 5672);
export const rabbitHost = process.env.RABBITMQ_HOST ?? '127.0.0.1';

/** A vhost of its own, and a Redis prefix of its own, for one test. */
export interface TestScope {
  readonly vhost: string;
  /** `amqp://` URL of the vhost, on the broker's port or on `port`. */
  url(port?: number): string;
  readonly prefix: string;
  readonly redis: Redis;
  /** An AMQP connection to the vhost, opened on first use: passive declares for depths, raw publishes. */
  amqp(): Connection;
  /** Kills every service still running, deletes the vhost and every Redis key under the prefix. */
  dispose(): Promise<void>;
  /** Forks a service process and resolves once it is ready; killed by `dispose` if still running. */
  start(config: Omit<ServiceConfig, 'url' | 'prefix'> & { url?: string }): Promise<ServiceProcess>;
}

export async function createScope(label: string): Promise<TestScope> {
  const id = randomBytes(4).toString('hex');
  const created = await createVhost(label);
  const vhost = created.name;
  const prefix = `xproc-${label}-${id}`;
  const redis = new Redis(redisConnection);
  const services: ServiceProcess[] = [];
  let amqp: Connection | undefined;
  const url = (port = rabbitPort) => `amqp://guest:guest@${rabbitHost}:${port}/${encodeURIComponent(vhost)}`;
  return {
    vhost,
    url,
    prefix,
    redis,
    amqp() {
      amqp ??= new Connection({ url: url(), retryLow: 100, retryHigh: 500 });
      amqp.on('error', () => undefined);
      return amqp;
    },
    async start(config) {
      const service = await ServiceProcess.start({ url: url(), prefix, ...config });
      services.push(service);
      return service;
    },
    async dispose() {
      await Promise.all(services.map((s) => s.kill()));
      await amqp?.close().catch(() => undefined);
      await Promise.all([created.delete().catch(() => undefined), deleteKeysUnder(redis, prefix)]);
      await redis.quit();
    },
  };
}

/** A forked service-child.js: requests over IPC, notices, and a kill that always waits for the exit. */
export class ServiceProcess {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  private readonly notices: Notice[] = [];
  private readonly noticeWaiters = new Set<() => void>();
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(
    readonly config: ServiceConfig,
    private readonly child: ChildProcess,
  ) {
    this.exited = once(child, 'exit').then(([code, signal]) => ({ code, signal }));
    child.on('message', (message: Reply | Notice) => {
      if ('notice' in message) {
        this.notices.push(message);
        for (const wake of this.noticeWaiters) wake();
        return;
      }
      const waiter = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.ok) waiter?.resolve(message.result);
      else waiter?.reject(new Error(`${config.service}/${config.instance}: ${message.error}`));
    });
    void this.exited.then(({ code, signal }) => {
      for (const waiter of this.pending.values()) waiter.reject(new Error(`${config.instance} exited (${code ?? signal})`));
      this.pending.clear();
      for (const wake of this.noticeWaiters) wake();
    });
  }

  static async start(config: ServiceConfig): Promise<ServiceProcess> {
    const child = fork(childScript, [JSON.stringify(config)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const service = new ServiceProcess(config, child);
    try {
      await service.notice('ready', 30_000);
    } catch (error) {
      await service.kill();
      throw error;
    }
    return service;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves with the first notice of that kind (past or future); rejects if the child exits or fails first. */
  notice<K extends Notice['notice']>(kind: K, timeoutMs = 20_000): Promise<Extract<Notice, { notice: K }>> {
    const { instance } = this.config;
    return withTimeout(
      new Promise((resolve, reject) => {
        const check = () => {
          const failed = this.notices.find((n) => n.notice === 'failed');
          const found = this.notices.find((n) => n.notice === kind);
          if (found) resolve(found as Extract<Notice, { notice: K }>);
          else if (failed) reject(new Error(`${instance} failed: ${failed.error}`));
          else if (!this.alive) reject(new Error(`${instance} exited before "${kind}"`));
          else return;
          this.noticeWaiters.delete(check);
        };
        this.noticeWaiters.add(check);
        check();
      }),
      timeoutMs,
      `${instance}'s "${kind}" notice`,
    );
  }

  request<T>(command: Command, timeoutMs = 30_000): Promise<T> {
    const id = this.nextId++;
    const reply = new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ ...command, id });
    });
    return withTimeout(reply, timeoutMs, `${this.config.instance}'s answer to ${command.cmd}`);
  }

  /** Closes the application (draining its consumer) and waits for the exit; kills it if that takes too long. */
  async close(timeoutMs = 15_000): Promise<void> {
    if (!this.alive) return;
    const id = this.nextId++;
    this.child.send({ cmd: 'close', id });
    await withTimeout(this.exited, timeoutMs, `${this.config.instance} to exit`).catch(() => this.kill());
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.alive) this.child.kill(signal);
    await this.exited;
  }
}

/** `<prefix>:effects`: how many times each `<service>:<handler>:<event id>` ran. */
export async function effects(scope: TestScope): Promise<Map<string, number>> {
  const all = await scope.redis.hgetall(`${scope.prefix}:effects`);
  return new Map(Object.entries(all).map(([key, n]) => [key, Number(n)]));
}

/** `<prefix>:instances`: handler runs per `<service>:<handler>:<instance>`. */
export async function runsByInstance(scope: TestScope): Promise<Map<string, number>> {
  const all = await scope.redis.hgetall(`${scope.prefix}:instances`);
  return new Map(Object.entries(all).map(([key, n]) => [key, Number(n)]));
}

/** How many of `ids` ran at `<service>:<handler>` (at least once), and the keys that ran more than once. */
export function tally(found: Map<string, number>, service: string, handler: string, ids: readonly string[]) {
  const counts = ids.map((id) => found.get(`${service}:${handler}:${id}`) ?? 0);
  return { handled: counts.filter((n) => n >= 1).length, twice: counts.filter((n) => n > 1).length };
}

/** Every effect key that ran more than once. */
export function duplicates(found: Map<string, number>): string[] {
  return [...found].filter(([, n]) => n > 1).map(([key, n]) => `${key} ×${n}`);
}

/** Ready messages and consumers of a queue, by a passive declare: milliseconds, where rabbitmqctl takes a second or two. */
export async function depth(scope: TestScope, queue: string): Promise<{ messages: number; consumers: number }> {
  const ok = await scope.amqp().queueDeclare({ queue, passive: true });
  return { messages: ok.messageCount, consumers: ok.consumerCount };
}

/**
 * The vhost's queue names, from `rabbitmqctl list_queues`. Not its counts: for quorum queues they lag behind by
 * seconds; `depth` asks the broker itself.
 */
export async function queueNames(scope: TestScope): Promise<string[]> {
  return (await listRows(scope.vhost, 'queues', 'name')).map(([name]) => name!).sort();
}
