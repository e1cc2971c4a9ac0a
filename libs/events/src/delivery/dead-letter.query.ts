import type { DeadLetter, DeadLetterFilter, DeadLetterPageRequest } from '../interfaces/dead-letter.interface.js';
import { EVENT_TYPE_PATTERN, HANDLER_NAME_PATTERN } from '../events.constants.js';

/** Largest page of dead letters one call returns. */
export const MAX_DEAD_LETTER_PAGE = 500;
export const DEFAULT_DEAD_LETTER_PAGE = 50;

const isValidDate = (d: unknown): d is Date => d instanceof Date && !Number.isNaN(d.getTime());

/** Every problem with a filter and page, naming the field; empty when both are usable. */
export function deadLetterQueryProblems(filter: DeadLetterFilter, page?: DeadLetterPageRequest): string[] {
  const problems: string[] = [];
  if (filter === null || typeof filter !== 'object') return ['filter must be an object'];
  if (filter.eventType !== undefined && !(typeof filter.eventType === 'string' && EVENT_TYPE_PATTERN.test(filter.eventType)))
    problems.push('eventType must be an event type such as "user.registered"');
  if (filter.handler !== undefined && !(typeof filter.handler === 'string' && HANDLER_NAME_PATTERN.test(filter.handler)))
    problems.push('handler must be a handler name (letters, digits, ".", "_" and "-")');
  if (filter.from !== undefined && !isValidDate(filter.from)) problems.push('from must be a valid Date');
  if (filter.to !== undefined && !isValidDate(filter.to)) problems.push('to must be a valid Date');
  if (isValidDate(filter.from) && isValidDate(filter.to) && filter.from >= filter.to) problems.push('from must be before to');
  if (page?.limit !== undefined && !(Number.isInteger(page.limit) && page.limit >= 1 && page.limit <= MAX_DEAD_LETTER_PAGE))
    problems.push(`limit must be an integer from 1 to ${MAX_DEAD_LETTER_PAGE}`);
  if (page?.offset !== undefined && !(Number.isInteger(page.offset) && page.offset >= 0))
    problems.push('offset must be an integer of at least 0');
  return problems;
}

/** Whether a dead letter matches every set field of the filter. */
export function matchesDeadLetterFilter(letter: DeadLetter, filter: DeadLetterFilter): boolean {
  if (filter.eventType !== undefined && letter.event.type !== filter.eventType) return false;
  if (filter.handler !== undefined && letter.handler !== filter.handler) return false;
  if (filter.from === undefined && filter.to === undefined) return true;
  const at = Date.parse(letter.deadLetteredAt);
  return (filter.from === undefined || at >= filter.from.getTime()) && (filter.to === undefined || at < filter.to.getTime());
}

/** Newest first, then by id, so pages are stable. */
export function compareDeadLetters(a: DeadLetter, b: DeadLetter): number {
  return b.deadLetteredAt.localeCompare(a.deadLetteredAt) || a.id.localeCompare(b.id);
}
