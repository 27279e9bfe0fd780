// The embedded PostgreSQL of one Jest run: started once by the global setup when the run tests on the
// embedded server (PRESAGE_TEST_DB=embedded, or auto with no server answering), shared by every test
// file, each in its own database (libs/testing createTestDatabase), stopped by the global teardown.
import { startEmbeddedPostgresProcess } from '@presage/db';
import type { EmbeddedPostgresProcess } from '@presage/db';
import { chooseTestDatabaseKind, EMBEDDED_TEST_SERVER_ENV } from '@presage/testing';

/** Global setup and teardown run in the same process: the server is handed over through this. */
const HANDLE = Symbol.for('presage.embeddedTestServer');
type WithHandle = typeof globalThis & { [HANDLE]?: EmbeddedPostgresProcess };

export async function startEmbeddedTestServer(): Promise<void> {
  if (process.env[EMBEDDED_TEST_SERVER_ENV]) return; // an outer run started one
  if ((await chooseTestDatabaseKind()) !== 'embedded') return;
  if (process.env['PRESAGE_TEST_DB'] !== 'embedded') {
    process.stderr.write(
      '\nnote: no PostgreSQL server answers; testing on an embedded PostgreSQL (PRESAGE_TEST_DB)\n',
    );
  }
  const started = Date.now();
  const server = await startEmbeddedPostgresProcess({ ephemeral: true });
  process.stderr.write(
    `\nembedded PostgreSQL for this test run at ${server.url} (${Date.now() - started} ms)\n`,
  );
  (globalThis as WithHandle)[HANDLE] = server;
  // Jest starts its workers after the global setup: they inherit this.
  process.env[EMBEDDED_TEST_SERVER_ENV] = server.url;
}

export async function stopEmbeddedTestServer(): Promise<void> {
  const server = (globalThis as WithHandle)[HANDLE];
  if (!server) return;
  delete (globalThis as WithHandle)[HANDLE];
  delete process.env[EMBEDDED_TEST_SERVER_ENV];
  await server.stop();
}
