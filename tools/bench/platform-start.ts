// The platform start benchmark: what a newcomer's `npm start` costs. Each round runs `npm start` (its
// build step included) with the demo model, a fresh PRESAGE_HOME and free ports, times "Presage is up"
// and the demo model's READY line, lets the platform idle, and reads every process's resident memory
// from /proc. See README.md (platform-start).
//
//   node --import tsx tools/bench/platform-start.ts [--rounds 3] [--idle-s 20] [--out FILE]
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { freePort, pidsWithEnv, waitFor } from '@presage/testing';
import { exitOnFailure, runBenchmarkMain } from './bench-main';
import { platformMemory } from './process-memory';
import type { ProcessMemory } from './process-memory';

const REPO_ROOT = path.resolve(__dirname, '../..');
const START_TIMEOUT_MS = 180_000;

interface PlatformStartArgs {
  rounds: number;
  idleS: number;
  out: string;
}

interface Round {
  /** From spawning `npm start` to its "Presage is up" banner. */
  upS: number;
  /** From spawning `npm start` to the demo model's READY line. */
  demoReadyS: number;
  memory: ProcessMemory[];
}

function parsePlatformStartArgs(argv: string[]): PlatformStartArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      rounds: { type: 'string', default: '3' },
      'idle-s': { type: 'string', default: '20' },
      out: { type: 'string', default: path.join(__dirname, 'results/platform-start.md') },
    },
    strict: true,
  });
  const positive = (name: string, text: string): number => {
    const value = Number(text);
    if (!Number.isFinite(value) || value <= 0)
      throw new Error(`--${name} must be a positive number, got "${text}"`);
    return value;
  };
  return {
    rounds: positive('rounds', values.rounds),
    idleS: positive('idle-s', values['idle-s']),
    out: values.out,
  };
}

/** The environment of one `npm start`: a fresh home, every listener on a free port, the demo model on. */
async function platformEnv(home: string): Promise<NodeJS.ProcessEnv> {
  const address = async () => `127.0.0.1:${await freePort()}`;
  return {
    ...process.env,
    PRESAGE_HOME: home,
    DATABASE_URL: '',
    PRESAGE_DEMO: '1',
    PRESAGE_HTTP_PORT: String(await freePort()),
    PRESAGE_GRPC_PORT: String(await freePort()),
    PRESAGE_REGISTRY_ADDRESS: await address(),
    PRESAGE_DEPLOYER_ADDRESS: await address(),
    PRESAGE_BATCH_ADDRESS: await address(),
    PRESAGE_AUTOSCALER_ADDRESS: await address(),
    PRESAGE_REGISTRY_METRICS_ADDRESS: await address(),
    PRESAGE_DEPLOYER_METRICS_ADDRESS: await address(),
    PRESAGE_BATCH_METRICS_ADDRESS: await address(),
    PRESAGE_AUTOSCALER_METRICS_ADDRESS: await address(),
  };
}

/** SIGTERM to npm's process group, then SIGKILL to whatever still runs with this home. */
async function stopPlatform(child: ChildProcess, home: string): Promise<void> {
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  if (!gone() && child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
  await waitFor(gone, { timeoutMs: 60_000, description: 'npm start to exit' }).catch(() => undefined);
  for (const pid of pidsWithEnv('PRESAGE_HOME', home)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  fs.rmSync(home, { recursive: true, force: true });
}

async function runRound(
  args: PlatformStartArgs,
  onStarted: (stop: () => Promise<void>) => void,
): Promise<Round> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'presage-bench-start-'));
  const started = process.hrtime.bigint();
  const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
  const child = spawn('npm', ['start', '--silent'], {
    cwd: REPO_ROOT,
    env: await platformEnv(home),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= stopPlatform(child, home));
  onStarted(stop);
  let output = '';
  let upS: number | undefined;
  let demoReadyS: number | undefined;
  const onOutput = (chunk: Buffer) => {
    output += chunk.toString();
    if (upS === undefined && output.includes('Presage is up')) upS = seconds();
    if (demoReadyS === undefined && /Demo model \S+ is READY/.test(output)) demoReadyS = seconds();
  };
  child.stdout.on('data', onOutput);
  child.stderr.on('data', onOutput);
  try {
    await waitFor(
      () => {
        if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output}`);
        return demoReadyS !== undefined;
      },
      { timeoutMs: START_TIMEOUT_MS, intervalMs: 20, description: 'the demo model to be READY' },
    );
    console.log(
      `up in ${upS!.toFixed(2)} s, demo READY in ${demoReadyS!.toFixed(2)} s; idling ${args.idleS} s`,
    );
    await new Promise((resolve) => setTimeout(resolve, args.idleS * 1000));
    return { upS: upS!, demoReadyS: demoReadyS!, memory: platformMemory(home) };
  } finally {
    await stop();
  }
}

const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function renderReport(args: PlatformStartArgs, rounds: Round[], loadBefore: number[]): string {
  const names = [...new Set(rounds.flatMap((round) => round.memory.map((m) => m.name)))].sort();
  const rss = (round: Round, name: string) => round.memory.find((m) => m.name === name)?.rssBytes ?? 0;
  const pss = (round: Round, name: string) => round.memory.find((m) => m.name === name)?.pssBytes ?? 0;
  const total = (round: Round) => round.memory.reduce((sum, m) => sum + m.rssBytes, 0);
  const totalPss = (round: Round) => round.memory.reduce((sum, m) => sum + m.pssBytes, 0);
  return [
    '# Platform start: `npm start` with the demo model',
    '',
    `${rounds.length} rounds, each a fresh PRESAGE_HOME (a new embedded Postgres cluster), idle ${args.idleS} s ` +
      `before memory is read; ${new Date().toISOString()}, ${os.cpus().length} cores, Node ${process.version}, ` +
      `load average before ${loadBefore.map((v) => v.toFixed(2)).join(' ')}.`,
    '',
    '| round | to "Presage is up" (s) | to demo READY (s) | idle RSS, all processes (MiB) |',
    '| ---: | ---: | ---: | ---: |',
    ...rounds.map(
      (round, i) =>
        `| ${i + 1} | ${round.upS.toFixed(2)} | ${round.demoReadyS.toFixed(2)} | ${mib(total(round))} |`,
    ),
    `| median | ${median(rounds.map((r) => r.upS)).toFixed(2)} | ${median(rounds.map((r) => r.demoReadyS)).toFixed(2)} | ${mib(median(rounds.map(total)))} |`,
    '',
    '## Idle memory per process (MiB, median of the rounds)',
    '',
    'RSS counts every page a process maps, so pages shared by several processes (the node binary, ~40 MiB',
    'in each) are counted in each; PSS divides each shared page among its processes, so its sum is the',
    'memory really used.',
    '',
    '| process | RSS | PSS |',
    '| --- | ---: | ---: |',
    ...names.map(
      (name) =>
        `| ${name} | ${mib(median(rounds.map((round) => rss(round, name))))} | ${mib(median(rounds.map((round) => pss(round, name))))} |`,
    ),
    `| all | ${mib(median(rounds.map(total)))} | ${mib(median(rounds.map(totalPss)))} |`,
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const args = parsePlatformStartArgs(process.argv.slice(2));
  const loadBefore = os.loadavg();
  await runBenchmarkMain({
    out: args.out,
    stopChildren: () => Promise.resolve(),
    run: async (onStarted) => {
      const rounds: Round[] = [];
      for (let round = 1; round <= args.rounds; round += 1) {
        console.log(`round ${round}/${args.rounds}: npm start`);
        rounds.push(await runRound(args, onStarted));
      }
      return renderReport(args, rounds, loadBefore);
    },
  });
}

if (require.main === module) exitOnFailure(main);
