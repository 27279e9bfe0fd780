/**
 * Runs one embedded Postgres (PGlite over a local socket) until SIGTERM or SIGINT.
 *
 *   node --import tsx libs/db/src/embedded-postgres-main.ts [--data-dir DIR] [--port N] [--host H]
 *
 * Env fallbacks: PRESAGE_PG_DATA_DIR, PRESAGE_PG_PORT, PRESAGE_PG_HOST. Without a data dir the
 * database lives in memory. When ready it prints one line of JSON, `{"url": "...", "port": N}`, to
 * stdout; diagnostics go to stderr.
 */
import { parseArgs } from 'node:util';
import { startEmbeddedPostgres } from './embedded-postgres';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { 'data-dir': { type: 'string' }, port: { type: 'string' }, host: { type: 'string' } },
    strict: true,
  });
  const dataDir = values['data-dir'] ?? process.env['PRESAGE_PG_DATA_DIR'] ?? undefined;
  const portText = values.port ?? process.env['PRESAGE_PG_PORT'] ?? '0';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be an integer from 0 to 65535, got "${portText}"`);
  }
  const host = values.host ?? process.env['PRESAGE_PG_HOST'] ?? '127.0.0.1';

  const started = Date.now();
  const pg = await startEmbeddedPostgres({ dataDir, port, host });
  process.stderr.write(
    `embedded postgres ready at ${host}:${pg.port} in ${Date.now() - started} ms (${dataDir ?? 'in memory'})\n`,
  );
  process.stdout.write(`${JSON.stringify({ url: pg.url, port: pg.port })}\n`);

  const shutdown = (signal: string): void => {
    process.stderr.write(`embedded postgres stopping (${signal})\n`);
    pg.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`embedded postgres failed to stop cleanly: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `embedded postgres failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
