import { existsSync } from 'node:fs';
import path from 'node:path';

/** Where the embedded PostgreSQL keeps its cluster: `$PRESAGE_HOME/postgres`. */
export function embeddedDataDir(home: string): string {
  return path.resolve(home, 'postgres');
}

/**
 * The PGlite cluster an earlier Presage kept in `$PRESAGE_HOME/pgdata`, if one is there. PostgreSQL's
 * own binaries cannot read it (a WebAssembly build's files), so it is left untouched, beside the new
 * cluster, until the user migrates or deletes it.
 */
export function findPgliteDataDir(home: string): string | undefined {
  const dir = path.resolve(home, 'pgdata');
  return existsSync(path.join(dir, 'PG_VERSION')) ? dir : undefined;
}

/** What the log says when findPgliteDataDir found one. */
export function pgliteDataDirNotice(dir: string): string {
  return (
    `${dir} holds a PGlite database from an earlier Presage; it is no longer used and was not changed. ` +
    'The embedded PostgreSQL starts empty beside it. To bring its models and versions over, see ' +
    '"Upgrading from PGlite" in the README; delete it once done.'
  );
}
