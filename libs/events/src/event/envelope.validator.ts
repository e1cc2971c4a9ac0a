import { EVENT_TYPE_PATTERN } from '../events.constants.js';
import type { Violation } from '../interfaces/violation.interface.js';

const violation = (path: string, constraint: string, message: string): Violation => ({ path, constraint, message });

/**
 * Whether the envelope is sound, without allocating: the hot path calls this and builds the violation list only on
 * failure. `typeIsValid` lets a caller skip the type regex for types it has already seen pass.
 */
export function isSoundEnvelope(event: unknown, typeIsValid?: (type: string) => boolean): boolean {
  if (event === null || typeof event !== 'object') return false;
  const e = event as Record<string, unknown>;
  if (typeof e.id !== 'string' || e.id.length === 0) return false;
  if (typeof e.type !== 'string' || !(typeIsValid ? typeIsValid(e.type) : EVENT_TYPE_PATTERN.test(e.type))) return false;
  if (!Number.isInteger(e.version) || (e.version as number) < 1) return false;
  if (!(e.occurredAt instanceof Date) || Number.isNaN(e.occurredAt.getTime())) return false;
  if (typeof e.source !== 'string' || typeof e.correlationId !== 'string' || e.correlationId.length === 0) return false;
  if (e.causationId !== null && typeof e.causationId !== 'string') return false;
  if (e.data === undefined) return false;
  const metadata = e.metadata as Record<string, unknown> | null;
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) return false;
  for (const key in metadata) if (typeof metadata[key] !== 'string') return false;
  return true;
}

/**
 * Lists every problem of the envelope fields of anything that claims to be a `DomainEvent`. The slow twin of
 * `isSoundEnvelope`: a spec keeps the two in agreement.
 */
export function envelopeViolations(event: unknown): Violation[] {
  if (event === null || typeof event !== 'object') {
    return [violation('event', 'isObject', 'the event must be an object built with createDomainEvent() or a catalog factory')];
  }
  const e = event as Record<string, unknown>;
  let out: Violation[] | undefined;
  const add = (v: Violation): void => void (out ??= []).push(v);
  if (typeof e.id !== 'string' || e.id.length === 0) add(violation('id', 'isNotEmptyString', 'id must be a non-empty string'));
  if (typeof e.type !== 'string' || !EVENT_TYPE_PATTERN.test(e.type)) {
    add(violation('type', 'isEventType', 'type must be dot-separated lower-case segments, such as "book.purchased"'));
  }
  if (!Number.isInteger(e.version) || (e.version as number) < 1) {
    add(violation('version', 'isPositiveInt', 'version must be an integer of at least 1'));
  }
  if (!(e.occurredAt instanceof Date) || Number.isNaN(e.occurredAt.getTime())) {
    add(violation('occurredAt', 'isDate', 'occurredAt must be a valid Date'));
  }
  if (typeof e.source !== 'string') add(violation('source', 'isString', 'source must be a string'));
  if (typeof e.correlationId !== 'string' || e.correlationId.length === 0) {
    add(violation('correlationId', 'isNotEmptyString', 'correlationId must be a non-empty string'));
  }
  if (e.causationId !== null && typeof e.causationId !== 'string') {
    add(violation('causationId', 'isStringOrNull', 'causationId must be a string or null'));
  }
  if (e.data === undefined) add(violation('data', 'isDefined', 'data must be defined'));
  if (e.metadata === null || typeof e.metadata !== 'object' || Array.isArray(e.metadata)) {
    add(violation('metadata', 'isStringMap', 'metadata must be an object of string values'));
  } else {
    for (const [key, value] of Object.entries(e.metadata)) {
      if (typeof value !== 'string') add(violation(`metadata.${key}`, 'isString', `metadata.${key} must be a string`));
    }
  }
  return out ?? [];
}
