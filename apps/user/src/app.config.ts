import { readTransportConfig, type TransportConfig } from '@webnovel/service-kit';

/** What the user service reads from its environment. */
export interface UserServiceConfig {
  /** `REDIS_URL`: async handlers run as BullMQ jobs on this Redis; unset, they run in process (not durable). */
  readonly redisUrl?: string;
  /** `EVENTS_QUEUE`: the BullMQ queue of this service's handlers. */
  readonly queueName: string;
  /** `EVENTS_ADMIN_KEYS`: comma-separated API keys of the admin API; unset, the admin API is off. */
  readonly adminKeys?: readonly string[];
  /** `LOG_LEVEL`: pino's level; `debug` shows one line per published event and handler run. @default 'info' */
  readonly logLevel: LogLevelName;
  /** `EVENTS_TRANSPORT`, `RABBITMQ_URL`, `EVENTS_LOCAL_ONLY`: how the service exchanges events with the others. */
  readonly transport: TransportConfig;
}

/** pino's levels, as `LOG_LEVEL` accepts them. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

/** Thrown at startup for an environment variable the service cannot use. */
export class InvalidUserServiceConfigError extends Error {
  override readonly name = 'InvalidUserServiceConfigError';

  constructor(readonly problems: readonly string[]) {
    super(`The user service environment is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** @throws InvalidUserServiceConfigError naming each bad variable (never its value, which may be a secret) */
export function readUserServiceConfig(env: NodeJS.ProcessEnv): UserServiceConfig {
  const problems: string[] = [];
  const redisUrl = env.REDIS_URL || undefined;
  if (redisUrl !== undefined && !/^rediss?:\/\//.test(redisUrl)) problems.push('REDIS_URL must start with redis:// or rediss://');
  const queueName = env.EVENTS_QUEUE || 'user-service.events';
  const adminKeys = env.EVENTS_ADMIN_KEYS ? env.EVENTS_ADMIN_KEYS.split(',').map((k) => k.trim()) : undefined;
  if (adminKeys?.some((k) => k.length < 16)) problems.push('EVENTS_ADMIN_KEYS must hold keys of at least 16 characters, comma-separated');
  const logLevel = (env.LOG_LEVEL || 'info') as LogLevelName;
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const transport = readTransportConfig(env, problems);
  if (problems.length > 0) throw new InvalidUserServiceConfigError(problems);
  return { redisUrl, queueName, adminKeys, logLevel, transport };
}
