import pg from 'pg';

/** The schemas a plain pg_dump creates (`CREATE SCHEMA name;`), in order. */
export function dumpedSchemas(sql: string): string[] {
  return [...sql.matchAll(/^CREATE SCHEMA ([a-z_][a-z0-9_]*);$/gm)].map((match) => match[1]!);
}

/** Thrown when the target already holds rows in a schema the dump brings: nothing was changed. */
export class TargetNotEmptyError extends Error {
  constructor(readonly counts: Record<string, number>) {
    super(
      `the target database already holds data (${Object.entries(counts)
        .map(([table, n]) => `${table}: ${n} rows`)
        .join(', ')}); migrate into an empty one`,
    );
    this.name = 'TargetNotEmptyError';
  }
}

/**
 * Loads a plain, `--inserts` pg_dump into the database at `url`, in one transaction. The dump's schemas
 * may already exist there, made by services' migrations, but hold no rows outside knex's migration
 * tables: they are dropped first, and the dump recreates them with its rows and its migration history.
 * Otherwise throws TargetNotEmptyError and changes nothing. Resolves with the rows per restored table.
 */
export async function restoreDump(url: string, sql: string): Promise<Record<string, number>> {
  const schemas = dumpedSchemas(sql);
  if (schemas.length === 0) throw new Error('the dump creates no schema: is it a pg_dump of Presage?');
  // psql meta-commands (\restrict, \connect) are not SQL: the server would refuse them.
  const statements = sql
    .split('\n')
    .filter((line) => !line.startsWith('\\'))
    .join('\n');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const present = await rowCounts(client, schemas, true);
    const withRows = Object.fromEntries(Object.entries(present).filter(([, n]) => n > 0));
    if (Object.keys(withRows).length > 0) throw new TargetNotEmptyError(withRows);
    await client.query('begin');
    try {
      await client.query(
        `drop schema if exists ${schemas.map((s) => client.escapeIdentifier(s)).join(', ')} cascade`,
      );
      await client.query(statements);
      await client.query('commit');
    } catch (error) {
      await client.query('rollback');
      throw error;
    }
    await client.query('reset all');
    return await rowCounts(client, schemas, false);
  } finally {
    await client.end();
  }
}

/** Rows per table (`schema.table`) in `schemas`; knex's migration tables left out when `skipMigrations`. */
async function rowCounts(
  client: pg.Client,
  schemas: string[],
  skipMigrations: boolean,
): Promise<Record<string, number>> {
  const { rows } = await client.query<{ schema: string; name: string }>(
    `select table_schema as schema, table_name as name from information_schema.tables
      where table_schema = any($1) and table_type = 'BASE TABLE' order by 1, 2`,
    [schemas],
  );
  const counts: Record<string, number> = {};
  for (const { schema, name } of rows) {
    if (skipMigrations && name.startsWith('knex_migrations')) continue;
    const table = `${client.escapeIdentifier(schema)}.${client.escapeIdentifier(name)}`;
    const result = await client.query<{ n: number }>(`select count(*)::int as n from ${table}`);
    counts[`${schema}.${name}`] = result.rows[0]?.n ?? 0;
  }
  return counts;
}
