/**
 * Runs one embedded PostgreSQL server (embedded-postgres.ts) until SIGTERM or SIGINT, then stops it
 * with a fast shutdown and exits 0. Exits 1 when the server could not start or died on its own.
 *
 *   node libs/db/dist/embedded-postgres-main.js [--data-dir DIR] [--port N] [--host H]
 *     [--ephemeral] [--stop-on-stdin-eof]
 *
 * Env fallbacks: PRESAGE_PG_DATA_DIR, PRESAGE_PG_PORT, PRESAGE_PG_HOST. Without a data dir the cluster
 * is made in a temporary directory, ephemeral, and deleted on stop. --stop-on-stdin-eof stops the
 * server when stdin closes: a parent that holds the other end of a pipe takes the server with it when
 * it dies, even by SIGKILL. When ready it prints one line of JSON, `{"url": "...", "port": N, "pid": N}`,
 * to stdout; the server's log goes to stderr.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { errorStack } from '@presage/errors';
import { startEmbeddedPostgres } from './embedded-postgres';
import type { EmbeddedPostgres } from './embedded-postgres';

interface MainOptions {
  dataDir: string | undefined;
  port: number;
  host: string;
  ephemeral: boolean;
  stopOnStdinEof: boolean;
}

function readOptions(): MainOptions {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      ephemeral: { type: 'boolean' },
      'stop-on-stdin-eof': { type: 'boolean' },
    },
    strict: true,
  });
  const portText = values.port ?? process.env['PRESAGE_PG_PORT'] ?? '0';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be an integer from 0 to 65535, got "${portText}"`);
  }
  const dataDir = values['data-dir'] ?? process.env['PRESAGE_PG_DATA_DIR'] ?? undefined;
  return {
    dataDir,
    port,
    host: values.host ?? process.env['PRESAGE_PG_HOST'] ?? '127.0.0.1',
    ephemeral: values.ephemeral === true || dataDir === undefined,
    stopOnStdinEof: values['stop-on-stdin-eof'] === true,
  };
}

const log = (line: string): void => void process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  const options = readOptions();
  // A temporary cluster: its directory must be reachable by the `postgres` user when we are root.
  const tempDir = options.dataDir ? undefined : await mkdtemp(path.join(tmpdir(), 'presage-pg-'));
  if (tempDir) await chmod(tempDir, 0o755);
  const removeTemp = async (): Promise<void> => {
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  };
  const dataDir = options.dataDir ?? path.join(tempDir ?? '', 'data');

  const started = Date.now();
  let pg: EmbeddedPostgres;
  try {
    pg = await startEmbeddedPostgres({ ...options, dataDir, onLog: log });
  } catch (error) {
    await removeTemp();
    throw error;
  }
  log(`embedded postgres ready at ${options.host}:${pg.port} in ${Date.now() - started} ms (${dataDir})`);
  process.stdout.write(`${JSON.stringify({ url: pg.url, port: pg.port, pid: pg.pid })}\n`);

  let stopping = false;
  const shutdown = (reason: string): void => {
    if (stopping) return;
    stopping = true;
    log(`embedded postgres stopping (${reason})`);
    pg.stop()
      .then(removeTemp)
      .then(
        () => process.exit(0),
        (error: unknown) => {
          log(`embedded postgres failed to stop cleanly: ${String(error)}`);
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  if (options.stopOnStdinEof) {
    process.stdin.on('end', () => shutdown('stdin closed')).resume();
  }
  void pg.exited.then(({ code, signal }) => {
    if (stopping) return;
    log(`embedded postgres exited on its own (code ${code}, signal ${signal})`);
    void removeTemp().finally(() => process.exit(1));
  });
}

main().catch((error: unknown) => {
  log(`embedded postgres failed to start: ${errorStack(error)}`);
  process.exit(1);
});
