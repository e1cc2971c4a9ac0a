/** `openDatabase(env)` got an environment it cannot use. Names each variable (never its value); nothing was opened. */
export class InvalidDatabaseConfigError extends Error {
  override readonly name = 'InvalidDatabaseConfigError';

  constructor(readonly problems: readonly string[]) {
    super(`The database environment is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}
