import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

/** What a `postmaster.pid` left in a data directory says about the server that wrote it. */
export type PostmasterLock =
  /** No lock file: no server runs on this data directory. */
  | { state: 'none' }
  /** Its pid is gone (the server was killed): PostgreSQL clears such a file itself at start. */
  | { state: 'stale'; pid: number }
  /** Its pid now belongs to another program (pids are reused): the file must go, PostgreSQL would refuse. */
  | { state: 'reused'; pid: number }
  /** A postmaster of this data directory whose owner (the process that started it) is gone. */
  | { state: 'orphaned'; pid: number }
  /** A postmaster of this data directory whose owner still runs: the directory is in use. */
  | { state: 'in-use'; pid: number; ownerPid: number };

interface ProcessInfo {
  ppid: number;
  args: string[];
}

/** The runnable that owns an embedded postmaster (embedded-postgres-main.ts). */
const OWNER_MARK = 'embedded-postgres-main';

/** Reads `postmaster.pid` in `dataDir` and classifies the server it names. */
export async function inspectPostmasterLock(dataDir: string): Promise<PostmasterLock> {
  let text: string;
  try {
    text = await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'none' };
    throw error;
  }
  const pid = Number.parseInt(text.split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0) return { state: 'reused', pid: 0 };
  const server = await readProcess(pid);
  if (!server) return { state: 'stale', pid };
  if (!isPostmasterOf(server.args, dataDir)) return { state: 'reused', pid };
  const owner = server.ppid > 1 ? await readProcess(server.ppid) : undefined;
  if (owner?.args.some((arg) => arg.includes(OWNER_MARK))) {
    return { state: 'in-use', pid, ownerPid: server.ppid };
  }
  return { state: 'orphaned', pid };
}

export interface ClearLockOptions {
  /** How long an orphaned postmaster gets for a fast shutdown before SIGQUIT, then SIGKILL. @default 10_000 */
  graceMs?: number;
  /** Told what was found and done. @default ignore */
  log?: (message: string) => void;
}

/**
 * Makes `dataDir` startable after an unclean end: removes a `postmaster.pid` whose pid another program
 * now has, and shuts down a postmaster orphaned by a killed owner (fast shutdown, so its data stays
 * consistent). Throws when a live owner still runs a server on the directory.
 */
export async function clearPostmasterLock(dataDir: string, options: ClearLockOptions = {}): Promise<void> {
  const log = options.log ?? (() => undefined);
  const lock = await inspectPostmasterLock(dataDir);
  switch (lock.state) {
    case 'none':
    case 'stale':
      return;
    case 'reused':
      log(`removing a stale postmaster.pid (pid ${lock.pid} is not a PostgreSQL of ${dataDir})`);
      await rm(path.join(dataDir, 'postmaster.pid'), { force: true });
      return;
    case 'orphaned':
      log(`stopping PostgreSQL pid ${lock.pid}, left running on ${dataDir} by a process that was killed`);
      await stopOrphan(lock.pid, options.graceMs ?? 10_000);
      return;
    case 'in-use':
      throw new Error(
        `${dataDir} is in use by PostgreSQL pid ${lock.pid}, started by pid ${lock.ownerPid}; ` +
          'stop that process first, or give this one another PRESAGE_HOME',
      );
  }
}

async function stopOrphan(pid: number, graceMs: number): Promise<void> {
  for (const [signal, waitMs] of [
    ['SIGINT', graceMs],
    ['SIGQUIT', 5_000],
    ['SIGKILL', 5_000],
  ] as const) {
    if (!signalProcess(pid, signal)) return;
    if (await waitForExit(pid, waitMs)) return;
  }
  throw new Error(`PostgreSQL pid ${pid} did not exit after SIGKILL`);
}

function signalProcess(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user (PostgreSQL runs as `postgres` when we are root).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Polls with a deadline: the orphan is not our child, so there is no exit event to wait on. */
async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!signalProcess(pid, 0)) return true;
    await sleep(25);
  }
  return !signalProcess(pid, 0);
}

function isPostmasterOf(args: readonly string[], dataDir: string): boolean {
  const binary = path.basename(args[0] ?? '');
  const dirIndex = args.indexOf('-D');
  const dir = dirIndex >= 0 ? args[dirIndex + 1] : undefined;
  return binary === 'postgres' && dir !== undefined && path.resolve(dir) === path.resolve(dataDir);
}

/** Parent pid and arguments of a live process, or undefined when no such process exists. */
async function readProcess(pid: number): Promise<ProcessInfo | undefined> {
  if (!signalProcess(pid, 0)) return undefined;
  if (process.platform === 'linux') {
    try {
      const [cmdline, stat] = await Promise.all([
        readFile(`/proc/${pid}/cmdline`, 'utf8'),
        readFile(`/proc/${pid}/stat`, 'utf8'),
      ]);
      // stat: "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      return { ppid, args: cmdline.split('\0').filter((arg) => arg !== '') };
    } catch {
      return undefined; // exited meanwhile
    }
  }
  try {
    const { stdout } = await promisify(execFile)('ps', ['-o', 'ppid=', '-o', 'command=', '-p', String(pid)]);
    const match = /^\s*(\d+)\s+(.*)$/.exec(stdout.trim());
    return match ? { ppid: Number(match[1]), args: (match[2] ?? '').split(/\s+/) } : undefined;
  } catch {
    return undefined;
  }
}
