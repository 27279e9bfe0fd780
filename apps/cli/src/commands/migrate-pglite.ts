import { spawn } from 'node:child_process';
import { copyFile, cp, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { embeddedDataDir, findPgliteDataDir, startEmbeddedPostgresProcess } from '@presage/db';
import type { EmbeddedPostgresProcess } from '@presage/db';
import type { Logger } from '@presage/log';
import type { CliConfig } from '../config';
import { restoreDump, TargetNotEmptyError } from '../pglite-restore';

/**
 * The PGlite that opens the old data directory, with the pg_dump built for it (pglite-tools 0.4.8
 * requires exactly pglite 0.5.8, which reads the directories Presage's PGlite 0.5.14 wrote).
 */
export const PGLITE_TOOLING = ['@electric-sql/pglite@0.5.8', '@electric-sql/pglite-tools@0.4.8'];

/** The dump script, run by plain Node in a directory of its own (not compiled: it is copied there). */
const PGLITE_DUMP_SCRIPT = 'apps/cli/src/pglite-dump.mjs';

export interface MigratePgliteContext {
  config: CliConfig;
  logger: Logger;
  /** The repository root: PGLITE_DUMP_SCRIPT is relative to it. */
  repoRoot: string;
}

/**
 * `presage migrate-pglite`: copies the models, versions, jobs and the rest of a PGlite
 * `$PRESAGE_HOME/pgdata` into the embedded PostgreSQL (or DATABASE_URL), then renames the PGlite
 * directory to `pgdata.migrated-<time>`. Its tooling (PGlite and its WebAssembly pg_dump) is installed
 * with npm into a temporary directory for the run. Refuses a target that already holds data.
 */
export async function runMigratePglite(context: MigratePgliteContext): Promise<number> {
  const { config, logger } = context;
  const source = findPgliteDataDir(config.home);
  if (!source) {
    logger.error(`no PGlite database in ${path.join(config.home, 'pgdata')}: nothing to migrate`);
    return 1;
  }
  const work = await mkdtemp(path.join(tmpdir(), 'presage-pglite-migration-'));
  let server: EmbeddedPostgresProcess | undefined;
  try {
    const dump = path.join(work, 'dump.sql');
    await dumpPglite(path.join(context.repoRoot, PGLITE_DUMP_SCRIPT), source, work, dump, logger);
    let url = config.databaseUrl;
    if (!url) {
      server = await startEmbeddedPostgresProcess({ dataDir: embeddedDataDir(config.home) });
      url = server.url;
    }
    const counts = await restoreDump(url, await readFile(dump, 'utf8'));
    const kept = `${source}.migrated-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    await rename(source, kept);
    logger.info('PGlite database migrated', { rows: counts, pgliteDataDirNowAt: kept });
    logger.info(`done: start Presage as usual; delete ${kept} once you have checked your models`);
    return 0;
  } catch (error) {
    if (error instanceof TargetNotEmptyError) {
      logger.error(
        `${error.message}. Nothing was changed. To migrate anyway, stop Presage, move ` +
          `${config.databaseUrl ? 'that database' : embeddedDataDir(config.home)} aside, and run this again.`,
      );
      return 1;
    }
    throw error;
  } finally {
    await server?.stop();
    await rm(work, { recursive: true, force: true });
  }
}

/** Installs PGlite's tooling into `work`, then dumps a copy of `source` (PGlite writes to what it opens). */
async function dumpPglite(
  dumpScript: string,
  source: string,
  work: string,
  dump: string,
  logger: Logger,
): Promise<void> {
  logger.info(`fetching PGlite's pg_dump: npm install ${PGLITE_TOOLING.join(' ')} (~30 MB, temporary)`);
  await writeFile(path.join(work, 'package.json'), '{"private": true}\n');
  await run(
    'npm',
    ['install', '--no-save', '--no-audit', '--no-fund', '--loglevel=error', ...PGLITE_TOOLING],
    work,
  );
  const copy = path.join(work, 'pgdata');
  await cp(source, copy, { recursive: true });
  await rm(path.join(copy, 'postmaster.pid'), { force: true });
  const script = path.join(work, 'pglite-dump.mjs');
  await copyFile(dumpScript, script);
  logger.info('dumping the PGlite database', { source });
  await run(process.execPath, [script, copy, dump], work);
}

function run(command: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit code ${code}`})`)),
    );
  });
}
