import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChildMessage, ChildRequest } from './child-protocol.js';
import type { ObservabilityMode } from './observed-app.js';
import type { RoundRunner } from './rounds.js';

const CHILD = fileURLToPath(new URL('./in-process.child.js', import.meta.url));
/** A child that has not started its application by then has failed. */
const START_TIMEOUT_MS = 30_000;
const EXIT_TIMEOUT_MS = 10_000;

/**
 * Forks `in-process.child.js` for one in-process case and drives it round by round over IPC. The parent sends one
 * request and waits, idle, for the answer, so the child has the CPU to itself during its turn as a local case does.
 * The child inherits the parent's Node flags (`--cpu-prof` writes one profile per process).
 */
export async function startChildRunner(mode: ObservabilityMode, handlers: number): Promise<RoundRunner> {
  const child = fork(CHILD, [mode, String(handlers)], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const pending = new Map<number, { resolve: (message: ChildMessage) => void; reject: (error: Error) => void }>();
  let exited: Error | undefined;
  let nextId = 0;

  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${mode} child did not start within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
    child.on('message', (message: ChildMessage) => {
      if ('ready' in message) {
        clearTimeout(timer);
        resolve();
        return;
      }
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      if (waiting === undefined) return;
      if ('error' in message) waiting.reject(new Error(`${mode} child: ${message.error}`));
      else waiting.resolve(message);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      exited = new Error(`${mode} child exited (code ${code}, signal ${signal})`);
      for (const { reject: fail } of pending.values()) fail(exited);
      pending.clear();
      reject(exited);
    });
  });
  try {
    await ready;
  } catch (error) {
    kill(child);
    throw error;
  }

  const request = (op: ChildRequest['op'], count = 0): Promise<ChildMessage & { id: number }> => {
    if (exited) return Promise.reject(exited);
    const id = ++nextId;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve: resolve as (message: ChildMessage) => void, reject });
      child.send({ id, op, count } satisfies ChildRequest);
    });
  };
  const field = <K extends 'timing' | 'durations'>(message: ChildMessage, key: K) => {
    const value = (message as Partial<Record<K, unknown>>)[key];
    if (value === undefined) throw new Error(`${mode} child sent no ${key}`);
    return value;
  };
  return {
    warmup: async (operations) => void (await request('warmup', operations)),
    round: async (operations) => field(await request('round', operations), 'timing') as { ns: number },
    latency: async (samples) => field(await request('latency', samples), 'durations') as Float64Array,
    close: async () => {
      const exit = new Promise<void>((resolve) => (exited ? resolve() : child.once('exit', () => resolve())));
      try {
        const message = await request('close');
        // It should end by itself once its application is closed; if a handle keeps it, it is killed below.
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([exit, new Promise<void>((resolve) => (timer = setTimeout(resolve, EXIT_TIMEOUT_MS)))]);
        clearTimeout(timer);
        return 'note' in message ? message.note : undefined;
      } finally {
        kill(child);
      }
    },
  };
}

function kill(child: ChildProcess): void {
  if (child.exitCode === null && child.signalCode === null) child.kill();
}
