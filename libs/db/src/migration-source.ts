import type { Knex } from 'knex';

/** One schema change of a service, in code (no migration files on disk). */
export interface Migration {
  /** Unique and ordered: migrations run in the order given, recorded by name. */
  name: string;
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

/** The migrations of a service as a knex migration source, in the order given. */
export function createMigrationSource(migrations: Migration[]): Knex.MigrationSource<Migration> {
  const names = new Set<string>();
  for (const migration of migrations) {
    if (names.has(migration.name)) throw new Error(`Duplicate migration name "${migration.name}"`);
    names.add(migration.name);
  }
  return {
    getMigrations: () => Promise.resolve([...migrations]),
    getMigrationName: (migration) => migration.name,
    getMigration: (migration) =>
      Promise.resolve({ up: (knex) => migration.up(knex), down: (knex) => migration.down(knex) }),
  };
}
