import { InvalidEventPatternError } from '../errors/handler-registration.error.js';
import type { EventTransport, TransportMode, TransportOptions } from '../interfaces/event-transport.interface.js';
import { compilePattern, type CompiledPattern } from '../registry/event-pattern.js';
import { didYouMean, isOptionsRecord } from './option-problems.js';

/** The `transport` option with its defaults, and `localOnly` compiled. */
export interface ResolvedTransportOptions {
  readonly adapter: EventTransport;
  readonly mode: TransportMode;
  readonly localOnly: readonly CompiledPattern[];
}

const KEYS = ['adapter', 'mode', 'localOnly'];
const ADAPTER_METHODS = ['start', 'publish', 'close'] as const;

/** Every problem of the `transport` option, each naming its field. */
export function transportOptionProblems(transport: unknown): string[] {
  if (transport === undefined) return [];
  if (!isOptionsRecord(transport)) return ['transport must be an object: { adapter, mode?, localOnly? }'];
  const problems = Object.keys(transport)
    .filter((key) => !KEYS.includes(key))
    .map((key) => `transport.${key} is not a transport option${didYouMean(key, KEYS)}`);
  const adapter = transport.adapter as Record<string, unknown> | undefined;
  if (!isOptionsRecord(adapter) || !ADAPTER_METHODS.every((m) => typeof adapter[m] === 'function') || typeof adapter.name !== 'string')
    problems.push(
      `transport.adapter must implement EventTransport (name, ${ADAPTER_METHODS.join(', ')}), such as new RabbitMqTransport(...)`,
    );
  if (transport.mode !== undefined && transport.mode !== 'remote' && transport.mode !== 'hybrid')
    problems.push(`transport.mode must be 'remote' or 'hybrid' (got ${JSON.stringify(transport.mode)})`);
  const localOnly = transport.localOnly;
  if (localOnly !== undefined) {
    if (!Array.isArray(localOnly)) problems.push('transport.localOnly must be an array of event patterns, such as ["user.logged_in"]');
    else
      localOnly.forEach((pattern: unknown, i) => {
        try {
          compilePattern(pattern as string);
        } catch (error) {
          if (!(error instanceof InvalidEventPatternError)) throw error;
          problems.push(`transport.localOnly[${i}]: ${error.message}`);
        }
      });
  }
  return problems;
}

/** Applies the defaults to a `transport` option that passed validation. */
export function resolveTransportOptions(transport: TransportOptions | undefined): ResolvedTransportOptions | undefined {
  if (transport === undefined) return undefined;
  return Object.freeze({
    adapter: transport.adapter,
    mode: transport.mode ?? 'hybrid',
    localOnly: (transport.localOnly ?? []).map(compilePattern),
  });
}
