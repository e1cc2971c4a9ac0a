/** `runMigrations` got options it cannot work with. Lists every problem at once; nothing was connected. */
export class InvalidMigrationsOptionsError extends Error {
  override readonly name = 'InvalidMigrationsOptionsError';

  constructor(readonly problems: readonly string[]) {
    super(`runMigrations: invalid options:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}
