import pg from 'pg';
import { uniqueName } from './unique-name';

export interface TestDatabase {
  url: string;
  /** Where it lives: the Postgres server, or the embedded server of this test run. */
  kind: TestDatabaseKind;
  drop(): Promise<void>;
}

export type TestDatabaseKind = 'postgres' | 'embedded';

const DEFAULT_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const KINDS = ['postgres', 'embedded', 'auto'];

/** Set by the Jest global setup (tools/jest) to the embedded server it started for this run. */
export const EMBEDDED_TEST_SERVER_ENV = 'PRESAGE_TEST_EMBEDDED_URL';

/**
 * Which server this test run uses, from PRESAGE_TEST_DB: `postgres` (the server at
 * PRESAGE_TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres), `embedded` (one
 * embedded PostgreSQL for the whole run, started by the Jest global setup), or unset (`auto`): the
 * server when it answers within 2 s, else embedded.
 */
export async function chooseTestDatabaseKind(): Promise<TestDatabaseKind> {
  const kind = process.env['PRESAGE_TEST_DB'] || 'auto';
  if (!KINDS.includes(kind)) {
    throw new Error(`PRESAGE_TEST_DB must be one of ${KINDS.join(', ')}; got "${kind}"`);
  }
  if (kind !== 'auto') return kind as TestDatabaseKind;
  if (process.env[EMBEDDED_TEST_SERVER_ENV]) return 'embedded';
  return (await serverAnswers(testServerUrl())) ? 'postgres' : 'embedded';
}

/**
 * A fresh, uniquely named database for one test file (CREATE DATABASE presage_test_<random>), on the
 * server chooseTestDatabaseKind() picks; call drop() in afterAll.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const kind = await chooseTestDatabaseKind();
  if (kind === 'postgres') return createDatabaseOn(testServerUrl(), kind);
  const embeddedUrl = process.env[EMBEDDED_TEST_SERVER_ENV];
  if (!embeddedUrl) {
    throw new Error(
      `the embedded test server is not running (${EMBEDDED_TEST_SERVER_ENV} is unset): ` +
        'run the tests through Jest, whose global setup (tools/jest/global-setup.cjs) starts it',
    );
  }
  return createDatabaseOn(embeddedUrl, kind);
}

function testServerUrl(): string {
  return process.env['PRESAGE_TEST_DATABASE_URL'] || DEFAULT_SERVER_URL;
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

async function createDatabaseOn(serverUrl: string, kind: TestDatabaseKind): Promise<TestDatabase> {
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
  return { url: url.toString(), kind, drop: () => (dropped ??= drop()) };
}
