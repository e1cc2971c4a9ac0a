/**
 * How long the log keeps events: a default and per-type overrides, in milliseconds; `null` keeps forever.
 * Stores turn it into each event's `expiresAt` at append time, so a change applies to new events only.
 */
export interface RetentionOptions {
  /** @default null (keep until `cleanup`) */
  readonly defaultMs?: number | null;
  /** Per event type, for example `{ 'user.logged_in': 7 * 86_400_000 }`. */
  readonly byType?: Readonly<Record<string, number | null>>;
}

/** Computes `expiresAt` for an event stored at `storedAt`. */
export function expiresAtFor(retention: RetentionOptions | undefined, type: string, storedAt: Date): Date | null {
  const ms = retention?.byType?.[type] !== undefined ? retention.byType[type] : (retention?.defaultMs ?? null);
  return ms === null || ms === undefined ? null : new Date(storedAt.getTime() + ms);
}

/** Lists every problem of a retention option. */
export function retentionProblems(retention: unknown, path: string): string[] {
  if (retention === undefined) return [];
  if (retention === null || typeof retention !== 'object') return [`${path} must be an object`];
  const r = retention as { defaultMs?: unknown; byType?: unknown };
  const problems: string[] = [];
  const ok = (v: unknown) => v === null || (Number.isInteger(v) && (v as number) > 0);
  if (r.defaultMs !== undefined && !ok(r.defaultMs)) problems.push(`${path}.defaultMs must be a positive integer of milliseconds or null`);
  if (r.byType !== undefined) {
    if (r.byType === null || typeof r.byType !== 'object') problems.push(`${path}.byType must be an object of event type to milliseconds`);
    else
      for (const [type, ms] of Object.entries(r.byType)) {
        if (!ok(ms)) problems.push(`${path}.byType["${type}"] must be a positive integer of milliseconds or null`);
      }
  }
  return problems;
}
