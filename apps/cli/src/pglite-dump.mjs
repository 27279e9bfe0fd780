// Dumps a PGlite data directory to a plain SQL file with PGlite's own pg_dump (WebAssembly).
//   node pglite-dump.mjs DATA_DIR OUT.sql
// Run by `presage migrate-pglite` from a temporary directory where it installed @electric-sql/pglite
// and @electric-sql/pglite-tools; give it a copy of the data directory (PGlite writes to what it opens).
import { writeFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { pgDump } from '@electric-sql/pglite-tools/pg_dump';

const [dataDir, out] = process.argv.slice(2);
if (!dataDir || !out) {
  process.stderr.write('usage: node pglite-dump.mjs DATA_DIR OUT.sql\n');
  process.exit(2);
}
const pg = await PGlite.create(dataDir);
// pglite-tools adds --inserts: the dump is plain SQL statements, no COPY blocks.
const file = await pgDump({ pg, args: ['--no-owner', '--no-privileges'] });
await writeFile(out, Buffer.from(await file.arrayBuffer()));
await pg.close();
