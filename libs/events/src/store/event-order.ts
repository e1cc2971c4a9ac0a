import type { EventCursor, EventFilter, PageRequest } from '../interfaces/event-store.interface.js';

/** Compares two log positions in `(occurredAt, id)` order. */
export function compareEventPosition(a: EventCursor, b: EventCursor): number {
  const byTime = a.occurredAt.getTime() - b.occurredAt.getTime();
  if (byTime !== 0) return byTime;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The largest page any query may ask for. */
export const MAX_PAGE_LIMIT = 10_000;

/** Lists every problem of a filter and page request; stores validate before touching their backend. */
export function queryProblems(filter: EventFilter, page?: PageRequest): string[] {
  const problems: string[] = [];
  const isDate = (d: unknown) => d instanceof Date && !Number.isNaN(d.getTime());
  if (filter.types !== undefined && (!Array.isArray(filter.types) || filter.types.some((t) => typeof t !== 'string'))) {
    problems.push('filter.types must be an array of event types');
  }
  if (filter.source !== undefined && typeof filter.source !== 'string') problems.push('filter.source must be a string');
  if (filter.correlationId !== undefined && typeof filter.correlationId !== 'string')
    problems.push('filter.correlationId must be a string');
  if (filter.from !== undefined && !isDate(filter.from)) problems.push('filter.from must be a valid Date');
  if (filter.to !== undefined && !isDate(filter.to)) problems.push('filter.to must be a valid Date');
  if (page === undefined) return problems;
  if (!Number.isInteger(page.limit) || page.limit < 1 || page.limit > MAX_PAGE_LIMIT)
    problems.push(`page.limit must be an integer from 1 to ${MAX_PAGE_LIMIT}`);
  if (page.offset !== undefined && !(Number.isInteger(page.offset) && page.offset >= 0))
    problems.push('page.offset must be an integer of at least 0');
  if (page.after !== undefined && (!isDate(page.after?.occurredAt) || typeof page.after?.id !== 'string')) {
    problems.push('page.after must be a cursor { occurredAt: Date, id: string }');
  }
  if (page.after !== undefined && page.offset !== undefined && page.offset > 0)
    problems.push('page.after and page.offset cannot be combined');
  return problems;
}
