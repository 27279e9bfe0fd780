import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

export interface EmbeddedPostgresProcessOptions {
  /** The cluster's directory. @default undefined: a temporary, ephemeral cluster deleted on stop */
  dataDir?: string;
  /** @default 0: a free port */
  port?: number;
  /** Durability off even with a data dir (tests). @default false */
  ephemeral?: boolean;
  /** @default 60_000 */
  startTimeoutMs?: number;
  /** Receives the server's log lines. @default kept only for error messages */
  onLog?: (line: string) => void;
}

export interface EmbeddedPostgresProcess {
  url: string;
  port: number;
  /** The runnable's pid (the postmaster is its child). */
  pid: number;
  /** The postmaster's pid. */
  serverPid: number;
  /** SIGTERM (fast shutdown), SIGKILL after `graceMs`; resolves once the runnable exited. @default graceMs 10_000 */
  stop(graceMs?: number): Promise<void>;
}

/** The repository root: this module sits in libs/db/src, or is bundled into <app>/dist (the same depth). */
const REPO_ROOT = path.resolve(__dirname, '../../..');

/** embedded-postgres-main.ts compiled by tools/scripts/build.mjs (absolute). */
export const EMBEDDED_POSTGRES_MAIN = path.join(REPO_ROOT, 'libs/db/dist/embedded-postgres-main.js');

/**
 * Runs EMBEDDED_POSTGRES_MAIN as a child process (`node`) and resolves once the
 * server accepts connections. The child holds a pipe to this process as its stdin and stops its
 * server when the pipe closes: when this process dies, even by SIGKILL, no server is left behind.
 * A child process rather than in-process: the `embedded-postgres` package is ESM-only (Jest cannot
 * load it) and keeps the server tied to the process that started it.
 */
export async function startEmbeddedPostgresProcess(
  options: EmbeddedPostgresProcessOptions = {},
): Promise<EmbeddedPostgresProcess> {
  const args = [EMBEDDED_POSTGRES_MAIN, '--port', String(options.port ?? 0), '--stop-on-stdin-eof'];
  if (options.dataDir) args.push('--data-dir', options.dataDir);
  if (options.ephemeral) args.push('--ephemeral');
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const recent: string[] = [];
  createInterface({ input: child.stderr }).on('line', (line) => {
    recent.push(line);
    if (recent.length > 40) recent.shift();
    options.onLog?.(line);
  });

  const stop = async (graceMs = 10_000): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    }
    child.stdin.destroy();
  };

  try {
    const ready = await readReadyLine(child.stdout, exited, options.startTimeoutMs ?? 60_000, () =>
      recent.join('\n'),
    );
    if (child.pid === undefined) throw new Error('embedded postgres: the child has no pid');
    return { url: ready.url, port: ready.port, serverPid: ready.pid, pid: child.pid, stop };
  } catch (error) {
    await stop(0);
    throw error;
  }
}

interface ReadyLine {
  url: string;
  port: number;
  pid: number;
}

async function readReadyLine(
  stdout: NodeJS.ReadableStream,
  exited: Promise<void>,
  timeoutMs: number,
  log: () => string,
): Promise<ReadyLine> {
  const lines = createInterface({ input: stdout });
  let timer: NodeJS.Timeout | undefined;
  try {
    const line = await Promise.race([
      new Promise<string>((resolve) => lines.once('line', resolve)),
      exited.then(() => Promise.reject(new Error(`embedded postgres exited before it was ready:\n${log()}`))),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`embedded postgres not ready after ${timeoutMs} ms:\n${log()}`)),
          timeoutMs,
        );
      }),
    ]);
    return JSON.parse(line) as ReadyLine;
  } finally {
    clearTimeout(timer);
    lines.close();
  }
}
