// The benchmark's own child processes: the baseline server and one load generator per measurement.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { waitFor } from '@presage/testing';
import type { LoadOptions, LoadResult } from './load';

const BASELINE = path.join(__dirname, 'baseline-server.ts');
const LOAD = path.join(__dirname, 'load.ts');

export interface BaselineProcess {
  /** e.g. http://127.0.0.1:40125; predict at `${url}/v1/models/<name>:predict`. */
  url: string;
  /** host:port of its OnlinePredictionService (gRPC). */
  grpcAddress: string;
  pid: number;
  /** SIGTERM, then SIGKILL after 5 s. Idempotent. */
  stop: () => Promise<void>;
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (exited(child)) return;
  child.kill('SIGTERM');
  await waitFor(() => exited(child), { timeoutMs: 5_000, description: 'child to exit' }).catch(() =>
    child.kill('SIGKILL'),
  );
}

/** Starts tools/bench/baseline-server.ts serving each `name → model dir` on a free port. */
export async function startBaseline(models: Record<string, string>): Promise<BaselineProcess> {
  const modelArgs = Object.entries(models).flatMap(([name, dir]) => ['--model', `${name}=${dir}`]);
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', BASELINE, '--port', '0', '--grpc-port', '0', ...modelArgs],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = () => stopChild(child);
  try {
    const [, url, grpcAddress] = await waitFor(
      () => {
        if (exited(child)) throw new Error(`baseline server exited with ${child.exitCode}:\n${output}`);
        return /baseline listening on (http:\/\/\S+) grpc (\S+)/.exec(output) ?? undefined;
      },
      { timeoutMs: 60_000, intervalMs: 100, description: 'the baseline server to listen' },
    );
    return { url: url!, grpcAddress: grpcAddress!, pid: child.pid!, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

const running = new Set<ChildProcess>();

/**
 * Runs tools/bench/load.ts in a fresh process and returns its result; `onPhase` hears when its measured
 * phase starts and ends, as it happens (to read other processes' CPU over exactly that time).
 */
export async function runLoadInChild(
  options: LoadOptions,
  onPhase?: (phase: 'measuring' | 'measured') => void,
): Promise<LoadResult> {
  const args = [
    ['--url', options.url],
    ['--body', options.body],
    ['--concurrency', String(options.concurrency)],
    ['--warmup-s', String(options.warmupS)],
    ['--duration-s', String(options.durationS)],
    ['--max-requests', String(options.maxRequests)],
    ['--rate', String(options.rate)],
    options.apiKey ? ['--api-key', options.apiKey] : [],
  ].flat();
  const child = spawn(process.execPath, ['--import', 'tsx', LOAD, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let last = '';
  let stderr = '';
  createInterface({ input: child.stdout }).on('line', (line) => {
    const phase = /^\{"phase":"(measuring|measured)"\}$/.exec(line)?.[1] as
      'measuring' | 'measured' | undefined;
    if (phase) onPhase?.(phase);
    else if (line.trim()) last = line;
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  running.delete(child);
  if (code !== 0 || !last.startsWith('{')) {
    throw new Error(`load generator exited with ${code}: ${stderr.trim() || last}`);
  }
  return JSON.parse(last) as LoadResult;
}

/** Stops any load generator still running (on failure or Ctrl-C). */
export async function stopLoadGenerators(): Promise<void> {
  await Promise.all([...running].map(stopChild));
}
