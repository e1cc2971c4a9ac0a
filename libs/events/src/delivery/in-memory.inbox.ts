/**
 * Remembers completed (event, handler) pairs for `ttlMs`, at most `maxEntries` of them (oldest forgotten first), so a
 * redelivered copy is skipped. The embedded counterpart of the Redis inbox.
 */
export class InMemoryInbox {
  private readonly done = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
  ) {}

  has(pairId: string, now = Date.now()): boolean {
    const expiresAt = this.done.get(pairId);
    if (expiresAt === undefined) return false;
    if (expiresAt > now) return true;
    this.done.delete(pairId);
    return false;
  }

  remember(pairId: string, now = Date.now()): void {
    this.done.delete(pairId);
    this.done.set(pairId, now + this.ttlMs);
    // Maps iterate in insertion order, so the first key is the oldest.
    while (this.done.size > this.maxEntries) this.done.delete(this.done.keys().next().value!);
  }
}
