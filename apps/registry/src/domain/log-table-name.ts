/**
 * A request-logging table name: AI Platform's `bigqueryTableName` is `dataset.table`; in Presage the
 * dataset is a schema of the platform's database and the table a table in it, created on first use.
 */
export interface LogTableName {
  schema: string;
  table: string;
}

/** An SQL identifier Presage accepts unquoted: a letter or `_`, then letters, digits or `_`. */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Postgres truncates longer identifiers, so two names could meet in one table. */
const MAX_IDENTIFIER_LENGTH = 63;
/** Schemas of the platform itself and of Postgres: logs never go there. */
const RESERVED_SCHEMAS = new Set(['registry', 'batch', 'autoscaler', 'deployer', 'information_schema']);

/** `dataset.table` → its parts; otherwise a sentence saying what is wrong (for a field violation). */
export function parseLogTableName(name: string): LogTableName | string {
  const parts = name.split('.');
  if (parts.length !== 2) {
    return `Expected "dataset.table" (two identifiers joined by one dot), got "${name}".`;
  }
  const [schema, table] = parts as [string, string];
  for (const part of parts) {
    if (!IDENTIFIER.test(part) || part.length > MAX_IDENTIFIER_LENGTH) {
      return `"${part}" in "${name}" is not an identifier: a letter or _, then letters, digits or _, at most ${MAX_IDENTIFIER_LENGTH} characters.`;
    }
  }
  const lower = schema.toLowerCase();
  if (RESERVED_SCHEMAS.has(lower) || lower.startsWith('pg_')) {
    return `The dataset "${schema}" belongs to the platform or to Postgres; name another one.`;
  }
  return { schema, table };
}

/** `"schema"."table"`: both parts quoted, from a parsed name only. */
export function quotedLogTable({ schema, table }: LogTableName): string {
  return `"${schema}"."${table}"`;
}
