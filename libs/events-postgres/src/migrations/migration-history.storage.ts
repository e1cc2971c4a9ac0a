import type pg from 'pg';
import type { UmzugStorage } from 'umzug';

/**
 * umzug's record of applied migrations, in one PostgreSQL table shared by every migration set (a set is named by its
 * lock key). It queries the run's own client, never the pool: the run holds that client in a transaction, and on a
 * pool of one (PGlite) a second checkout would wait forever.
 */
export class MigrationHistoryStorage implements UmzugStorage {
  constructor(
    private readonly client: pg.ClientBase,
    private readonly qualified: string,
    private readonly set: string,
  ) {}

  /** The DDL of the history table; run under its own advisory lock, since CREATE ... IF NOT EXISTS races on the catalog. */
  static createStatement(qualified: string): string {
    return (
      `CREATE TABLE IF NOT EXISTS ${qualified} (` +
      'migration_set text NOT NULL, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(), ' +
      'PRIMARY KEY (migration_set, name))'
    );
  }

  async executed(): Promise<string[]> {
    const { rows } = await this.client.query<{ name: string }>(
      `SELECT name FROM ${this.qualified} WHERE migration_set = $1 ORDER BY applied_at, name`,
      [this.set],
    );
    return rows.map((row) => row.name);
  }

  async logMigration({ name }: { name: string }): Promise<void> {
    await this.client.query(`INSERT INTO ${this.qualified} (migration_set, name) VALUES ($1, $2)`, [this.set, name]);
  }

  async unlogMigration({ name }: { name: string }): Promise<void> {
    await this.client.query(`DELETE FROM ${this.qualified} WHERE migration_set = $1 AND name = $2`, [this.set, name]);
  }
}
