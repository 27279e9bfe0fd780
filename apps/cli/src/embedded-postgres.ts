import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ProcessSpec, SupervisedProcess } from './process-supervisor';

/** libs/db's runnable, started as a process (the cli never loads PGlite itself). */
const EMBEDDED_POSTGRES_MAIN = 'libs/db/src/embedded-postgres-main.ts';

export interface EmbeddedPostgresAddress {
  url: string;
  port: number;
}

export interface EmbeddedPostgres {
  process: SupervisedProcess;
  /** Resolves with the address once the process printed its ready line. */
  ready(timeoutMs: number, signal: AbortSignal): Promise<EmbeddedPostgresAddress>;
}

/**
 * The embedded Postgres as a supervised process on a free port; a restart reuses the first port, so
 * the URL the services were given stays valid.
 */
export function superviseEmbeddedPostgres(
  dataDir: string,
  base: Omit<ProcessSpec, 'name' | 'args'>,
  supervise: (spec: ProcessSpec) => SupervisedProcess,
): EmbeddedPostgres {
  let port = 0;
  const child = supervise({
    ...base,
    name: 'postgres',
    args: () => [path.join(base.cwd, EMBEDDED_POSTGRES_MAIN), '--data-dir', dataDir, '--port', String(port)],
  });
  let resolveReady: (address: EmbeddedPostgresAddress) => void = () => undefined;
  const firstReady = new Promise<EmbeddedPostgresAddress>((resolve) => (resolveReady = resolve));
  child.onStdoutLine((line) => {
    const address = parseReadyLine(line);
    if (!address) return;
    port = address.port;
    resolveReady(address);
  });

  return {
    process: child,
    ready: async (timeoutMs, signal) => {
      const timeout = new AbortController();
      const aborted = sleep(timeoutMs, undefined, { signal: AbortSignal.any([signal, timeout.signal]) }).then(
        () => {
          throw new Error(`the embedded Postgres was not ready within ${timeoutMs} ms`);
        },
      );
      try {
        return await Promise.race([firstReady, aborted]);
      } finally {
        timeout.abort();
        aborted.catch(() => undefined);
      }
    },
  };
}

function parseReadyLine(line: string): EmbeddedPostgresAddress | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value = JSON.parse(line) as Partial<EmbeddedPostgresAddress>;
    return typeof value.url === 'string' && typeof value.port === 'number'
      ? { url: value.url, port: value.port }
      : undefined;
  } catch {
    return undefined;
  }
}
