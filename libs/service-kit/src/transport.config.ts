import type { TransportMode } from '@webnovel/events';

/**
 * The values of `EVENTS_TRANSPORT`, as the seed's `eventbus.type` names them: `memory` keeps every event in the process,
 * `rabbitmq` sends every event through RabbitMQ (remote mode), `hybrid` handles this service's events in process and
 * also publishes them to RabbitMQ. `kafka` is reserved for the Kafka transport.
 */
export const TRANSPORT_KINDS = ['memory', 'rabbitmq', 'hybrid', 'kafka'] as const;
export type TransportKind = (typeof TRANSPORT_KINDS)[number];

/** The seed's `local_only` list: events that only matter to the process that published them. */
export const DEFAULT_LOCAL_ONLY = Object.freeze(['user.logged_in', 'user.logged_out']);

/** How a service talks to the others, read from its environment. */
export interface TransportConfig {
  /** `EVENTS_TRANSPORT`. @default 'memory' */
  readonly kind: TransportKind;
  /** The bus's mode for `rabbitmq` and `hybrid`. */
  readonly mode?: TransportMode;
  /** `RABBITMQ_URL`: required for `rabbitmq` and `hybrid`. */
  readonly rabbitMqUrl?: string;
  /** `EVENTS_LOCAL_ONLY`: comma-separated event patterns that never leave the process. @default the seed's list */
  readonly localOnly: readonly string[];
}

const PATTERN_SEGMENT = /^(\*|[a-z0-9_]+)$/;

/**
 * Reads `EVENTS_TRANSPORT`, `RABBITMQ_URL` and `EVENTS_LOCAL_ONLY`, and pushes onto `problems` one line per variable it
 * cannot use, naming the variable and never echoing a URL (it may hold a password).
 */
export function readTransportConfig(env: NodeJS.ProcessEnv, problems: string[]): TransportConfig {
  const kind = (env.EVENTS_TRANSPORT || 'memory') as TransportKind;
  if (!TRANSPORT_KINDS.includes(kind)) problems.push(`EVENTS_TRANSPORT must be one of ${TRANSPORT_KINDS.join(', ')}`);
  if (kind === 'kafka') problems.push('EVENTS_TRANSPORT=kafka is not available yet; use rabbitmq or hybrid');
  const localOnly = env.EVENTS_LOCAL_ONLY === undefined ? [...DEFAULT_LOCAL_ONLY] : splitList(env.EVENTS_LOCAL_ONLY);
  const bad = localOnly.filter((p) => !(p === '*' || p.split('.').every((s) => PATTERN_SEGMENT.test(s))));
  if (bad.length > 0)
    problems.push(`EVENTS_LOCAL_ONLY must be comma-separated event patterns such as user.logged_in or user.*; not ${bad.join(', ')}`);
  if (kind !== 'rabbitmq' && kind !== 'hybrid') return { kind: TRANSPORT_KINDS.includes(kind) ? kind : 'memory', localOnly };
  const rabbitMqUrl = env.RABBITMQ_URL || undefined;
  if (rabbitMqUrl === undefined)
    problems.push(`RABBITMQ_URL is required with EVENTS_TRANSPORT=${kind}, such as amqp://guest:guest@127.0.0.1:5672`);
  else if (!/^amqps?:\/\//.test(rabbitMqUrl)) problems.push('RABBITMQ_URL must start with amqp:// or amqps://');
  return { kind, mode: kind === 'hybrid' ? 'hybrid' : 'remote', rabbitMqUrl, localOnly };
}

const splitList = (value: string): string[] =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
