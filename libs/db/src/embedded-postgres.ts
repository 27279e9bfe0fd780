export interface EmbeddedPostgresOptions {
  /** The PGlite data directory, created if missing. @default undefined: in memory, lost on stop */
  dataDir?: string;
  /** @default 0: a free port */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** Client connections the socket server accepts at once (they share one backend). @default 100 */
  maxConnections?: number;
}

export interface EmbeddedPostgres {
  /** postgres://postgres@host:port/postgres */
  url: string;
  port: number;
  /** Closes the socket server, then PGlite (which flushes and releases its data dir). */
  stop(): Promise<void>;
}

/**
 * PGlite (PostgreSQL 18 in WebAssembly) served over the Postgres wire protocol by PGLiteSocketServer,
 * so that every process talks to it through `pg` like to any server. It is one backend behind a
 * multiplexer: while one connection holds a transaction the others wait.
 *
 * PGlite is loaded lazily: importing this module does not load it (Jest cannot without
 * --experimental-vm-modules; start it in a child process there, see embedded-postgres-main.ts).
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions = {},
): Promise<EmbeddedPostgres> {
  const host = options.host ?? '127.0.0.1';
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const db = await PGlite.create(options.dataDir);
  const server = new PGLiteSocketServer({
    db,
    host,
    port: options.port ?? 0,
    maxConnections: options.maxConnections ?? 100,
  });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  // After start() the server reports the port it was given (port 0 → the free port chosen).
  const port = Number(server.getServerConn().split(':').pop());
  let stopping: Promise<void> | undefined;
  const stop = async (): Promise<void> => {
    await server.stop();
    if (!db.closed) await db.close();
  };
  return {
    url: `postgres://postgres@${host}:${port}/postgres`,
    port,
    stop: () => (stopping ??= stop()),
  };
}
