import type { LoggerService, LogLevel } from '@nestjs/common';

/** One call to the logger, with the arguments Nest passed. */
export interface LoggedEntry {
  readonly level: LogLevel;
  /** A string or, for structured lines, the object as logged. */
  readonly message: unknown;
  readonly params: readonly unknown[];
}

/**
 * A Nest `LoggerService` that keeps every call in memory, for tests that assert what was logged. Every level is
 * enabled unless `levels` narrows them.
 */
export class RecordingLogger implements LoggerService {
  readonly entries: LoggedEntry[] = [];

  constructor(private readonly levels?: readonly LogLevel[]) {}

  log(message: unknown, ...params: unknown[]): void {
    this.keep('log', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.keep('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.keep('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.keep('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.keep('verbose', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.keep('fatal', message, params);
  }

  /** Structured lines (objects) at `level`, optionally only those whose `msg` equals `msg`. */
  lines<T = Record<string, unknown>>(level?: LogLevel, msg?: string): T[] {
    return this.entries
      .filter((e) => (level === undefined || e.level === level) && typeof e.message === 'object' && e.message !== null)
      .map((e) => e.message as T & { msg?: string })
      .filter((m) => msg === undefined || m.msg === msg);
  }

  clear(): void {
    this.entries.length = 0;
  }

  private keep(level: LogLevel, message: unknown, params: unknown[]): void {
    if (this.levels === undefined || this.levels.includes(level)) this.entries.push({ level, message, params });
  }
}
