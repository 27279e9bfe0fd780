import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { waitFor } from '@presage/testing';
import pg from 'pg';
import { EMBEDDED_POSTGRES_MAIN, startEmbeddedPostgresProcess } from './embedded-postgres-process';
import type { EmbeddedPostgresProcess } from './embedded-postgres-process';

async function query<R extends pg.QueryResultRow>(url: string, sql: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return (await client.query<R>(sql)).rows;
  } finally {
    await client.end();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A directory the `postgres` user can enter (when the tests run as root, PostgreSQL runs as it). */
async function reachableTempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'presage-pg-spec-'));
  await chmod(dir, 0o755);
  return dir;
}

describe('the embedded PostgreSQL (a temporary cluster)', () => {
  let server: EmbeddedPostgresProcess;

  beforeAll(async () => {
    server = await startEmbeddedPostgresProcess();
  });
  afterAll(() => server?.stop());

  it('is PostgreSQL 18 on loopback only, without a Unix socket', async () => {
    const [row] = await query<{ version: string; listen: string; socket: string }>(
      server.url,
      `select version(), current_setting('listen_addresses') as listen,
              current_setting('unix_socket_directories') as socket`,
    );
    expect(row?.version).toMatch(/^PostgreSQL 18\./);
    expect(row).toMatchObject({ listen: '127.0.0.1', socket: '' });
    expect(new URL(server.url).hostname).toBe('127.0.0.1');
  });

  it('runs transactions of several clients at once; a failed statement in one leaves the others alone', async () => {
    const clients = Array.from({ length: 3 }, () => new pg.Client(server.url));
    await Promise.all(clients.map((c) => c.connect()));
    const [a, b, c] = clients as [pg.Client, pg.Client, pg.Client];
    try {
      await a.query('create table items (id int primary key, label text not null)');
      await a.query('begin');
      await a.query("insert into items values (1, 'a')");
      await b.query('begin');
      await b.query("insert into items values (2, 'b')"); // not queued behind a's open transaction
      await c.query('begin');
      await c.query("insert into items values (3, 'c')");
      // A statement with two parameters fails inside c's transaction while a and b go on.
      const failed = c.query('insert into items values ($1, $2)', [4, null]).catch((e: unknown) => e);
      const [fromA, fromB] = await Promise.all([
        a.query<{ n: number; s: string }>('select $1::int + 1 as n, $2::text as s', [41, 'for a']),
        b.query<{ n: number }>('select count(*)::int as n from items'),
      ]);
      expect((await failed) as { code?: string }).toMatchObject({ code: '23502' });
      expect(fromA.rows).toEqual([{ n: 42, s: 'for a' }]);
      expect(fromB.rows).toEqual([{ n: 1 }]); // only its own row is visible to it
      await c.query('rollback');
      await Promise.all([a.query('commit'), b.query('commit')]);
      expect((await a.query('select id, label from items order by id')).rows).toEqual([
        { id: 1, label: 'a' },
        { id: 2, label: 'b' },
      ]);
    } finally {
      await Promise.allSettled(clients.map((client) => client.end()));
    }
  });

  it('stops when the stdin pipe of its runnable closes (its parent died)', async () => {
    const child = spawn(process.execPath, [EMBEDDED_POSTGRES_MAIN, '--stop-on-stdin-eof'], {
      cwd: path.resolve(__dirname, '../../..'),
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const line = await new Promise<string>((resolve) =>
      createInterface({ input: child.stdout }).once('line', resolve),
    );
    const ready = JSON.parse(line) as { url: string; pid: number };
    expect(await query(ready.url, 'select 1 as one')).toEqual([{ one: 1 }]);
    child.stdin.end();
    expect(await exited).toBe(0);
    expect(isAlive(ready.pid)).toBe(false);
  });
});

describe('the embedded PostgreSQL with a data directory', () => {
  let parent: string;
  let dataDir: string;
  let server: EmbeddedPostgresProcess | undefined;

  beforeAll(async () => {
    parent = await reachableTempDir();
    dataDir = path.join(parent, 'postgres');
  });
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });
  afterAll(() => rm(parent, { recursive: true, force: true }));

  it('keeps data across a SIGTERM and a restart on the same port', async () => {
    server = await startEmbeddedPostgresProcess({ dataDir });
    const { port } = server;
    await query(server.url, "create table kept (v text); insert into kept values ('survives restart')");
    await server.stop();

    const started = Date.now();
    server = await startEmbeddedPostgresProcess({ dataDir, port });
    console.log(`embedded postgres restart from a data dir (node + server): ${Date.now() - started} ms`);
    expect(server.port).toBe(port);
    expect(await query(server.url, 'select v from kept')).toEqual([{ v: 'survives restart' }]);
  });

  it('after its runnable was SIGKILLed, the next start stops the orphaned server and keeps the data', async () => {
    server = await startEmbeddedPostgresProcess({ dataDir });
    const { port, serverPid } = server;
    await query(server.url, "insert into kept values ('survives SIGKILL')");
    process.kill(server.pid, 'SIGKILL');
    await waitFor(() => !isAlive(server!.pid) || undefined, {
      timeoutMs: 5000,
      description: 'the runnable to die',
    });
    expect(isAlive(serverPid)).toBe(true); // the orphan holds the data directory and the port

    server = await startEmbeddedPostgresProcess({ dataDir, port });
    expect(isAlive(serverPid)).toBe(false);
    expect(server.serverPid).not.toBe(serverPid);
    expect(await query(server.url, 'select v from kept order by v')).toEqual([
      { v: 'survives SIGKILL' },
      { v: 'survives restart' },
    ]);
  });

  it('starts over a postmaster.pid whose pid now belongs to another program', async () => {
    const other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    try {
      await writeFile(path.join(dataDir, 'postmaster.pid'), `${other.pid}\n${dataDir}\n0\n5432\n\n\n`);
      server = await startEmbeddedPostgresProcess({ dataDir });
      expect(await query(server.url, 'select count(*)::int as n from kept')).toEqual([{ n: 2 }]);
    } finally {
      other.kill('SIGKILL');
    }
  });

  it('asks every connection for the password kept beside the cluster, the same after a restart', async () => {
    server = await startEmbeddedPostgresProcess({ dataDir });
    const url = new URL(server.url);
    const password = (await readFile(`${dataDir}.password`, 'utf8')).trim();
    expect(decodeURIComponent(url.password)).toBe(password);
    expect(password).toMatch(/^[0-9a-f]{48}$/);
    expect((await stat(`${dataDir}.password`)).mode & 0o777).toBe(0o600);
    const without = new URL(server.url);
    without.password = '';
    // The server asks for SCRAM; a client with no password cannot even answer.
    await expect(query(without.toString(), 'select 1')).rejects.toThrow(/SCRAM/);
    without.password = 'guess';
    await expect(query(without.toString(), 'select 1')).rejects.toMatchObject({ code: '28P01' });
    await server.stop();
    server = await startEmbeddedPostgresProcess({ dataDir, port: Number(url.port) });
    expect(server.url).toBe(url.toString());
  });

  it('moves a cluster that trusted every loopback connection (an earlier Presage) to the password', async () => {
    server = await startEmbeddedPostgresProcess({ dataDir });
    await server.stop();
    const hbaFile = path.join(dataDir, 'pg_hba.conf');
    const hba = await readFile(hbaFile, 'utf8');
    await writeFile(hbaFile, hba.replace(/scram-sha-256\s*$/gm, 'trust'));
    await unlink(`${dataDir}.password`);
    server = await startEmbeddedPostgresProcess({ dataDir });
    const without = new URL(server.url);
    without.password = 'password'; // a guess
    await expect(query(without.toString(), 'select 1')).rejects.toMatchObject({ code: '28P01' });
    expect(await query(server.url, 'select count(*)::int as n from kept')).toEqual([{ n: 2 }]);
    expect(await readFile(hbaFile, 'utf8')).not.toMatch(/^[^#].*trust\s*$/m);
  });
});
