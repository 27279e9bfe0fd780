import { setTimeout as sleep } from 'node:timers/promises';
import { EMBEDDED_POSTGRES_MAIN, embeddedDataDir, findPgliteDataDir, pgliteDataDirNotice } from '@presage/db';
import type { Logger } from '@presage/log';
import { CONTROL_PLANE_NODE_FLAGS } from './platform-services';
import type { ProcessSpec, SupervisedProcess } from './process-supervisor';

export interface EmbeddedPostgresAddress {
  url: string;
  port: number;
}

export interface EmbeddedPostgres {
  /** `$PRESAGE_HOME/postgres` */
  dataDir: string;
  process: SupervisedProcess;
  /** Resolves with the address once the process printed its ready line. */
  ready(timeoutMs: number, signal: AbortSignal): Promise<EmbeddedPostgresAddress>;
}

/**
 * The embedded Postgres as a supervised process on a free port; a restart reuses the first port, so
 * the URL the services were given stays valid. A restart after the runnable was killed first shuts
 * down the server it left behind (libs/db postmaster-lock.ts).
 */
export function superviseEmbeddedPostgres(
  home: string,
  base: Omit<ProcessSpec, 'name' | 'args'>,
  supervise: (spec: ProcessSpec) => SupervisedProcess,
  logger: Logger,
): EmbeddedPostgres {
  const dataDir = embeddedDataDir(home);
  const pglite = findPgliteDataDir(home);
  if (pglite) logger.warn(pgliteDataDirNotice(pglite), { pgliteDataDir: pglite });
  let port = 0;
  const child = supervise({
    ...base,
    name: 'postgres',
    args: () => [
      ...CONTROL_PLANE_NODE_FLAGS,
      EMBEDDED_POSTGRES_MAIN,
      '--data-dir',
      dataDir,
      '--port',
      String(port),
    ],
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
    dataDir,
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
