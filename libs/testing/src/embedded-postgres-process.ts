import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

export interface EmbeddedPostgresProcess {
  url: string;
  port: number;
  pid: number;
  /** SIGTERM (PGlite flushes and closes its data dir), SIGKILL after `graceMs`; resolves once it exited. */
  stop(graceMs?: number): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;

/**
 * libs/db's runnable, by path: a process this lib starts, not a module it imports (an import would
 * make db ⇄ testing a cycle, since libs/db's specs use this lib).
 */
function mainPath(): string {
  return path.resolve(__dirname, '../../db/src/embedded-postgres-main.ts');
}

/**
 * Starts libs/db's embedded-postgres-main.ts in a child process (`node --import tsx`). PGlite cannot
 * load inside Jest's module sandbox, and a child also keeps its wasm memory out of the test worker.
 */
export async function startEmbeddedPostgresProcess(
  options: { dataDir?: string } = {},
): Promise<EmbeddedPostgresProcess> {
  const main = mainPath();
  const args = [
    '--import',
    'tsx',
    main,
    '--port',
    '0',
    ...(options.dataDir ? ['--data-dir', options.dataDir] : []),
  ];
  const child = spawn(process.execPath, args, {
    cwd: path.dirname(path.dirname(main)),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Never leave a database behind when the test process ends without calling stop().
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));

  const stop = async (graceMs = 10_000): Promise<void> => {
    process.removeListener('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    }
  };

  try {
    const ready = await readReadyLine(child.stdout, exited, () => stderr);
    if (child.pid === undefined) throw new Error('embedded postgres child has no pid');
    return { ...ready, pid: child.pid, stop };
  } catch (error) {
    await stop(0);
    throw error;
  }
}

async function readReadyLine(
  stdout: NodeJS.ReadableStream,
  exited: Promise<void>,
  stderr: () => string,
): Promise<{ url: string; port: number }> {
  const lines = createInterface({ input: stdout });
  let timer: NodeJS.Timeout | undefined;
  try {
    const line = await Promise.race([
      new Promise<string>((resolve) => lines.once('line', resolve)),
      exited.then(() =>
        Promise.reject(new Error(`embedded postgres exited before it was ready:\n${stderr()}`)),
      ),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`embedded postgres not ready after ${START_TIMEOUT_MS} ms:\n${stderr()}`)),
          START_TIMEOUT_MS,
        );
      }),
    ]);
    return JSON.parse(line) as { url: string; port: number };
  } finally {
    clearTimeout(timer);
    lines.close();
  }
}
