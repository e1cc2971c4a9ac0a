/**
 * A migration threw. The whole run was rolled back (every migration of one run shares one transaction), so the
 * database is as it was before the run; `cause` is the error the migration threw.
 */
export class MigrationFailedError extends Error {
  override readonly name = 'MigrationFailedError';

  constructor(
    readonly lockKey: string,
    readonly migration: string,
    options: { cause: unknown },
  ) {
    const reason = options.cause instanceof Error ? options.cause.message : String(options.cause);
    super(
      `Migration ${migration} of ${lockKey} failed, so this run was rolled back and nothing of it is applied: ${reason}. ` +
        'Fix the migration (or the database state it trips on) and start again; the next run retries it.',
      options,
    );
  }
}
