import { HANDLER_NAME_PATTERN } from '../events.constants.js';
import { InvalidEventPatternError } from '../errors/handler-registration.error.js';
import type { DomainEventHandlerOptions } from '../interfaces/handler.interface.js';
import { compilePattern } from '../registry/event-pattern.js';
import { retryPolicyProblems } from './retry-policy-options.validator.js';

/** Lists every problem of a handler declaration (patterns and options). */
export function handlerProblems(patterns: readonly string[], options: DomainEventHandlerOptions | undefined): string[] {
  const problems: string[] = [];
  if (patterns.length === 0) problems.push('at least one event pattern is required');
  for (const pattern of patterns) {
    try {
      compilePattern(pattern);
    } catch (error) {
      if (!(error instanceof InvalidEventPatternError)) throw error;
      problems.push(error.message);
    }
  }
  if (options === undefined) return problems;
  if (options.name !== undefined && (typeof options.name !== 'string' || !HANDLER_NAME_PATTERN.test(options.name))) {
    problems.push(
      `name ${JSON.stringify(options.name)} must be 1-200 letters, digits, ".", "_" or "-" (":" is reserved by BullMQ job ids)`,
    );
  }
  if (options.mode !== undefined && options.mode !== 'sync' && options.mode !== 'async') {
    problems.push(`mode must be 'sync' or 'async' (got ${JSON.stringify(options.mode)})`);
  }
  if (options.version !== undefined) {
    if (!Number.isInteger(options.version) || options.version < 1)
      problems.push(`version must be an integer of at least 1 (got ${JSON.stringify(options.version)})`);
    if (patterns.length !== 1 || patterns[0]!.includes('*'))
      problems.push(`version needs exactly one event type without wildcards (got ${JSON.stringify(patterns)})`);
  }
  problems.push(...retryPolicyProblems(options.retry, 'retry'));
  return problems;
}
