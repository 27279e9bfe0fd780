import pg from 'pg';
import { startEmbeddedPostgresProcess } from './embedded-postgres-process';
import { uniqueName } from './unique-name';

export interface TestDatabase {
  url: string;
  /** 'postgres' | 'pglite' */
  kind: string;
  drop(): Promise<void>;
}

const DEFAULT_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const KINDS = ['postgres', 'pglite', 'auto'];
let noteShown = false;

/**
 * A fresh, uniquely named database for one test file; call drop() in afterAll.
 *
 * PRESAGE_TEST_DB=postgres: CREATE DATABASE presage_test_<random> on the server at
 * PRESAGE_TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
 * PRESAGE_TEST_DB=pglite: an in-memory embedded Postgres in a child process.
 * Unset ('auto'): postgres when the server answers within 2 s, else pglite.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const kind = process.env['PRESAGE_TEST_DB'] || 'auto';
  if (!KINDS.includes(kind))
    throw new Error(`PRESAGE_TEST_DB must be one of ${KINDS.join(', ')}; got "${kind}"`);
  const serverUrl = process.env['PRESAGE_TEST_DATABASE_URL'] || DEFAULT_SERVER_URL;
  if (kind === 'postgres') return createServerDatabase(serverUrl);
  if (kind === 'pglite') return createPgliteDatabase();
  if (await serverAnswers(serverUrl)) return createServerDatabase(serverUrl);
  if (!noteShown) {
    noteShown = true;
    process.stderr.write(
      `note: no PostgreSQL at ${new URL(serverUrl).host}; testing against embedded PGlite (PRESAGE_TEST_DB)\n`,
    );
  }
  return createPgliteDatabase();
}

async function withClient<T>(
  url: string,
  work: (client: pg.Client) => Promise<T>,
  timeoutMs = 10_000,
): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function serverAnswers(url: string): Promise<boolean> {
  try {
    await withClient(url, (client) => client.query('select 1'), 2000);
    return true;
  } catch {
    return false;
  }
}

async function createServerDatabase(serverUrl: string): Promise<TestDatabase> {
  const name = uniqueName('presage_test');
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let dropped: Promise<void> | undefined;
  const drop = async (): Promise<void> => {
    await withClient(serverUrl, async (client) => {
      await client.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [name],
      );
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    });
  };
  return { url: url.toString(), kind: 'postgres', drop: () => (dropped ??= drop()) };
}

async function createPgliteDatabase(): Promise<TestDatabase> {
  const server = await startEmbeddedPostgresProcess();
  return { url: server.url, kind: 'pglite', drop: () => server.stop() };
}
