import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import readline from 'node:readline';
import type { Logger } from '@presage/log';
import { LogFollower } from './log-follower';
import { predictorRuntimeEnv } from './runtime-spec';
import type { ModelDescription, RuntimeSpec } from './runtime-spec';

/** The predictor's first stdout line: ready with its address and model, or failed with a reason. */
type ReadyLine =
  | {
      event: 'ready';
      address: string;
      metricsAddress?: string;
      runtime: string;
      signature: unknown;
      loadSeconds: number;
    }
  | { event: 'failed'; error: string };

export type ProcessOutcome =
  | { ok: true; address: string; metricsAddress: string; model: ModelDescription }
  | { ok: false; error: string };

/** How a predictor process ended; both null for one this deployer adopted (it is not its parent). */
export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface PredictorProcess {
  readonly pid: number | undefined;
  /** The token in its environment that tells it apart from any other process given the same pid later. */
  readonly instance: string;
  /** Settles once the process reported ready or failed, exited, or timed out. */
  started: Promise<ProcessOutcome>;
  /** Resolves once the process is gone. */
  exited: Promise<ProcessExit>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it exited. */
  stop(graceMs: number): Promise<void>;
  /** Stops following it (its log, its exit) and leaves it running, for the deployer's next start to adopt. */
  release(): void;
}

export interface PredictorProcessOptions {
  entry: string;
  /**
   * Where other machines reach the replica (a pod IP): the predictor then listens on all interfaces and is
   * advertised at this host. Unset: loopback only.
   */
  advertiseHost?: string | undefined;
  /** The variables that give it the platform's internal credential. @default {} (whatever it inherits) */
  credentialEnv?: Readonly<Record<string, string>> | undefined;
  version: string;
  /** The replica's or worker's name, for its metrics and logs. */
  replica: string;
  modelDir: string;
  runtime: RuntimeSpec;
  /** Batch mode: the worker claims shards of this job from the batch service instead of serving. */
  batch?: { job: string; worker: string; batchAddress: string } | undefined;
  /** Its stderr (its JSON logs) is appended here, and copied to the deployer's stderr while it follows. */
  logFile: string;
  startTimeoutMs: number;
  logger: Logger;
}

/** The environment variable holding a predictor's instance token. */
const INSTANCE_ENV = 'PRESAGE_PREDICTOR_INSTANCE';
/** How often an adopted process (not a child: no exit event) is looked for. */
const ADOPTED_POLL_MS = 500;

/**
 * Starts one predictor process and reads its ready line from stdout. It runs in its own process group and
 * writes its logs to a file, not to a pipe of the deployer's, so it outlives the deployer.
 */
export function startPredictorProcess(options: PredictorProcessOptions): PredictorProcess {
  const instance = randomBytes(8).toString('hex');
  const logFd = fs.openSync(options.logFile, 'a');
  const offset = fs.fstatSync(logFd).size;
  const child = spawn(process.execPath, [options.entry], {
    env: { ...process.env, ...predictorEnv(options), [INSTANCE_ENV]: instance },
    stdio: ['ignore', 'pipe', logFd],
    detached: true,
  });
  fs.closeSync(logFd);
  const log = new LogFollower(options.logFile, offset, (chunk) => process.stderr.write(chunk));
  const exited = new Promise<ProcessExit>((resolve) =>
    child.once('exit', (code, signal) => {
      log.stop();
      resolve({ code, signal });
    }),
  );

  const started = new Promise<ProcessOutcome>((resolve) => {
    const timer = setTimeout(() => {
      resolve({
        ok: false,
        error: `The predictor did not load the model within ${options.startTimeoutMs / 1000} s.`,
      });
      child.kill('SIGKILL');
    }, options.startTimeoutMs);
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const parsed = parseReadyLine(line);
      if (!parsed) return;
      clearTimeout(timer);
      resolve(outcomeOf(parsed, options.advertiseHost));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({
        ok: false,
        error: `The predictor exited before it was ready (${signal ?? `code ${code}`}).`,
      });
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      options.logger.error('cannot start predictor', { error });
      resolve({ ok: false, error: `Cannot start the predictor: ${error.message}` });
    });
  });

  const gone = () => child.exitCode !== null || child.signalCode !== null;
  return {
    pid: child.pid,
    instance,
    started,
    exited,
    stop: (graceMs) => terminate(child.pid, gone, exited, graceMs),
    release() {
      log.stop();
      child.stdout?.destroy();
      child.unref();
    },
  };
}

/** What the deployer keeps of a ready predictor to find it again after a restart. */
export interface RunningPredictor {
  pid: number;
  instance: string;
  logFile: string;
  /** What it reported when it was ready. */
  ready: Extract<ProcessOutcome, { ok: true }>;
}

/**
 * A predictor a previous deployer started, if it still runs: its pid holds the same instance token. Its
 * log is followed from its current end, and its exit is noticed by polling.
 */
export function adoptPredictorProcess(running: RunningPredictor): PredictorProcess | undefined {
  if (!isInstance(running.pid, running.instance)) return undefined;
  let offset = 0;
  try {
    offset = fs.statSync(running.logFile).size;
  } catch {
    // No log file any more: follow the new one from its start.
  }
  const log = new LogFollower(running.logFile, offset, (chunk) => process.stderr.write(chunk));
  let timer: NodeJS.Timeout | undefined;
  const exited = new Promise<ProcessExit>((resolve) => {
    timer = setInterval(() => {
      if (isInstance(running.pid, running.instance)) return;
      clearInterval(timer);
      log.stop();
      resolve({ code: null, signal: null });
    }, ADOPTED_POLL_MS);
  });
  return {
    pid: running.pid,
    instance: running.instance,
    started: Promise.resolve(running.ready),
    exited,
    stop: (graceMs) =>
      terminate(running.pid, () => !isInstance(running.pid, running.instance), exited, graceMs),
    release() {
      clearInterval(timer);
      log.stop();
    },
  };
}

/** Kills a predictor a previous deployer left, if that pid is still it. */
export function killStrayPredictor(pid: number, instance: string): boolean {
  if (!isInstance(pid, instance)) return false;
  signal(pid, 'SIGKILL');
  return true;
}

/** Whether `pid` is a live process (not a zombie) holding the instance token in its environment. */
function isInstance(pid: number, instance: string): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (state === 'Z' || state === 'X') return false;
    return fs
      .readFileSync(`/proc/${pid}/environ`, 'utf8')
      .split('\0')
      .includes(`${INSTANCE_ENV}=${instance}`);
  } catch {
    return false;
  }
}

async function terminate(
  pid: number | undefined,
  gone: () => boolean,
  exited: Promise<ProcessExit>,
  graceMs: number,
): Promise<void> {
  if (pid === undefined || gone()) return;
  signal(pid, 'SIGTERM');
  const timer = setTimeout(() => signal(pid, 'SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Gone already.
  }
}

function predictorEnv(options: PredictorProcessOptions): Record<string, string> {
  return {
    ...predictorRuntimeEnv(options.version, options.modelDir, options.runtime),
    PRESAGE_PREDICTOR_ADDRESS: options.advertiseHost ? '0.0.0.0:0' : '127.0.0.1:0',
    PRESAGE_PREDICTOR_METRICS_ADDRESS: options.advertiseHost ? '0.0.0.0:0' : '127.0.0.1:0',
    PRESAGE_PREDICTOR_REPLICA: options.replica,
    ...options.credentialEnv,
    ...(options.batch
      ? {
          PRESAGE_PREDICTOR_MODE: 'batch',
          PRESAGE_BATCH_JOB: options.batch.job,
          PRESAGE_BATCH_WORKER: options.batch.worker,
          PRESAGE_BATCH_ADDRESS: options.batch.batchAddress,
        }
      : {}),
  };
}

function outcomeOf(line: ReadyLine, advertiseHost: string | undefined): ProcessOutcome {
  if (line.event === 'failed') return { ok: false, error: line.error };
  return {
    ok: true,
    address: advertised(line.address, advertiseHost),
    metricsAddress: advertised(line.metricsAddress ?? '', advertiseHost),
    model: { runtime: line.runtime, signature: line.signature, loadSeconds: line.loadSeconds },
  };
}

/** A listen address as other machines reach it: the advertised host with the bound port. */
function advertised(address: string, host: string | undefined): string {
  return host && address ? address.replace(/^.*:(\d+)$/, `${host}:$1`) : address;
}

function parseReadyLine(line: string): ReadyLine | undefined {
  try {
    const value = JSON.parse(line) as Partial<ReadyLine> | null;
    if (value && (value.event === 'ready' || value.event === 'failed')) return value as ReadyLine;
  } catch {
    // Not the ready line.
  }
  return undefined;
}
