import type { Logger } from '@presage/log';
import knexFactory from 'knex';
import pg from 'pg';
import type { Knex } from 'knex';
import { describeUrl, waitForConnection } from './connect';
import { errorCode } from './db-errors';
import { embeddedDataDir, findPgliteDataDir, pgliteDataDirNotice } from './embedded-data-dir';
import { startEmbeddedPostgresProcess } from './embedded-postgres-process';
import type { EmbeddedPostgresProcess } from './embedded-postgres-process';
import { createMigrationSource } from './migration-source';
import type { Migration } from './migration-source';

export interface DatabaseOptions {
  /**
   * postgres:// URL. When unset, this process starts an embedded PostgreSQL (a child process) with its
   * cluster in `${home}/postgres`, on 127.0.0.1 and a free port, and stops it on close().
   */
  url?: string;
  /** @default process.env.PRESAGE_HOME ?? './.presage' */
  home?: string;
  /** The service's own schema, e.g. 'registry'. Created if missing; knex's migration tables live in it. */
  schema: string;
  migrations: Migration[];
  /** @default 10 */
  poolMax?: number;
  logger: Logger;
}

export interface Database {
  knex: Knex;
  /** Name it in every query: `knex.withSchema(db.schema)`. The search_path is not set. */
  schema: string;
  /** Closes the pool and the embedded server if this process started it. */
  close(): Promise<void>;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const MIGRATION_LOCK_TIMEOUT_MS = 60_000;

/**
 * Connects (retrying connection errors for ~10 s), creates the service schema and brings it to the
 * latest migration. Safe when several processes start at once: knex's migration lock serialises them
 * and the later ones find nothing to do.
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (!SCHEMA_NAME.test(options.schema)) {
    throw new Error(`schema must match ${SCHEMA_NAME.source}, got "${options.schema}"`);
  }
  const logger = options.logger.child({ component: 'db', schema: options.schema });
  let embedded: EmbeddedPostgresProcess | undefined;
  let url = options.url;
  if (!url) {
    const home = options.home ?? process.env['PRESAGE_HOME'] ?? './.presage';
    const pglite = findPgliteDataDir(home);
    if (pglite) logger.warn(pgliteDataDirNotice(pglite), { pgliteDataDir: pglite });
    const dataDir = embeddedDataDir(home);
    const started = Date.now();
    embedded = await startEmbeddedPostgresProcess({ dataDir, onLog: (line) => logger.debug(line) });
    url = embedded.url;
    logger.info('embedded postgres started', { dataDir, port: embedded.port, ms: Date.now() - started });
  }
  const knex = knexFactory({
    client: 'pg',
    connection: url,
    pool: { min: 0, max: options.poolMax ?? 10 },
    acquireConnectionTimeout: 30_000,
    log: knexLog(logger),
  });
  const close = async (): Promise<void> => {
    await knex.destroy();
    await embedded?.stop();
  };
  try {
    await waitForConnection(knex, url, logger);
    await createSchema(knex, options.schema);
    await migrate(knex, url, options, logger);
  } catch (error) {
    await close();
    throw error;
  }
  logger.info('database ready', { database: describeUrl(url), embedded: embedded !== undefined });
  return { knex, schema: options.schema, close };
}

async function createSchema(knex: Knex, schema: string): Promise<void> {
  try {
    await knex.raw('create schema if not exists ??', [schema]);
  } catch (error) {
    // Two processes creating it at once: one loses the race on pg_namespace's unique index.
    if (errorCode(error) !== '23505' && errorCode(error) !== '42P06') throw error;
  }
}

/**
 * Brings the schema to its latest migration, one process at a time: a session advisory lock per schema,
 * held on a connection of its own (outside the pool, which may hold a single connection). Without it,
 * two processes that both find knex's new lock table empty each insert its row, and knex, which
 * expects exactly one, then refuses every lock until the deadline.
 */
async function migrate(knex: Knex, url: string, options: DatabaseOptions, logger: Logger): Promise<void> {
  const lockKey = `presage.migrate.${options.schema}`;
  const lock = new pg.Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock(hashtext($1))', [lockKey]);
    await migrateLocked(knex, options, logger);
  } finally {
    // Closing the session releases the lock too.
    await lock.end().catch(() => undefined);
  }
}

async function migrateLocked(knex: Knex, options: DatabaseOptions, logger: Logger): Promise<void> {
  const config: Knex.MigratorConfig = {
    migrationSource: createMigrationSource(options.migrations),
    schemaName: options.schema,
    tableName: 'knex_migrations',
  };
  const deadline = Date.now() + MIGRATION_LOCK_TIMEOUT_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      const [batch, applied] = (await knex.migrate.latest(config)) as [number, string[]];
      if (applied.length > 0) logger.info('migrations applied', { batch, applied });
      return;
    } catch (error) {
      // Another process holds the migration lock, or created knex's tables between our check and create.
      if (!isConcurrentMigration(error) || Date.now() > deadline) throw error;
      logger.debug('migrations running elsewhere, waiting', { attempt });
      await new Promise((resolve) => setTimeout(resolve, Math.min(50 * 2 ** attempt, 1000)));
    }
  }
}

/** knex's own warnings into the service log; connection failures are reported by waitForConnection. */
function knexLog(logger: Logger): Knex.Config['log'] {
  const warn = (message: unknown): void => {
    const text = String(message);
    if (text.startsWith('Acquire connection error')) logger.debug(text);
    else logger.warn(text);
  };
  return {
    warn,
    error: (message: unknown) => logger.error(String(message)),
    deprecate: (method: string, alternative: string) =>
      logger.warn(`knex: ${method} is deprecated, use ${alternative}`),
    debug: (message: unknown) => logger.debug(String(message)),
  };
}

function isConcurrentMigration(error: unknown): boolean {
  if (error instanceof Error && error.name === 'MigrationLocked') return true;
  // Two creates of one table race on its row type: 23505 on PostgreSQL 15, 42710 on 18.
  const code = errorCode(error);
  return code === '23505' || code === '42P07' || code === '42710';
}
