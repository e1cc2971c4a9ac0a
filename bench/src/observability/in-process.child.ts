// Child process of observability.bench.ts: runs one in-process case on the parent's command, so that its global
// state (an OpenTelemetry SDK registered process-wide, async hooks on every promise) never touches the other cases.
// Usage (by the parent only): node in-process.child.js <mode> <handlers>, with an IPC channel using 'advanced' serialization.
import 'reflect-metadata';
import { formatInteger } from '../support/format.js';
import type { ChildMessage, ChildRequest } from './child-protocol.js';
import { startObservedInProcess } from './in-process.subject.js';
import { OBSERVABILITY_MODES, type ObservabilityMode } from './observed-app.js';
import { localRunner } from './rounds.js';
import { registerDiscardingTracing } from './tracing-sdk.js';

const send = (message: ChildMessage): void => void process.send!(message);

async function main(): Promise<void> {
  const [mode, handlerArg] = process.argv.slice(2) as [ObservabilityMode, string];
  const handlers = Number(handlerArg);
  if (!OBSERVABILITY_MODES.includes(mode) || !Number.isInteger(handlers) || process.send === undefined)
    throw new Error('usage: node in-process.child.js <off|on|on-sdk> <handlers>, forked with an IPC channel');
  // First, as an instrumented service does it: the SDK is in place before the application starts.
  const tracing = mode === 'on-sdk' ? registerDiscardingTracing() : undefined;
  const subject = await startObservedInProcess(handlers, mode);
  const runner = localRunner(subject.workload, subject.activate, async () => {
    await subject.close();
    if (tracing === undefined) return undefined;
    await tracing.flush();
    const expected = subject.publishes * (1 + handlers);
    const { spans } = tracing.exporter;
    await tracing.shutdown();
    return `${formatInteger(spans)} spans exported for ${formatInteger(subject.publishes)} publishes (${(spans / subject.publishes).toFixed(2)} per publish, ${
      spans === expected ? 'none dropped' : `${formatInteger(expected - spans)} dropped`
    })`;
  });

  process.on('message', (request: ChildRequest) => {
    const reply = async (): Promise<ChildMessage> => {
      switch (request.op) {
        case 'warmup':
          await runner.warmup(request.count);
          return { id: request.id };
        case 'round':
          return { id: request.id, timing: await runner.round(request.count) };
        case 'latency':
          return { id: request.id, durations: await runner.latency!(request.count) };
        case 'close': {
          const note = await runner.close();
          return note === undefined ? { id: request.id } : { id: request.id, note };
        }
      }
    };
    reply().then(
      (message) => {
        send(message);
        if (request.op === 'close') process.disconnect();
      },
      (error: unknown) => send({ id: request.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
  });
  send({ ready: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
