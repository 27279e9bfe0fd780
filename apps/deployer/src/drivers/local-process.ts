import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import type { Logger } from '@presage/log';
import type { ModelDescription, RuntimeSpec } from './replica-driver';

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

export interface PredictorProcess {
  child: ChildProcess;
  /** Settles once the process reported ready or failed, exited, or timed out. */
  started: Promise<ProcessOutcome>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it exited. */
  stop(graceMs: number): Promise<void>;
}

export interface PredictorProcessOptions {
  entry: string;
  /**
   * Where other machines reach the replica (a pod IP): the predictor then listens on all interfaces and is
   * advertised at this host. Unset: loopback only.
   */
  advertiseHost?: string | undefined;
  version: string;
  /** The replica's or worker's name, for its metrics and logs. */
  replica: string;
  modelDir: string;
  runtime: RuntimeSpec;
  /** Batch mode: the worker claims shards of this job from the batch service instead of serving. */
  batch?: { job: string; worker: string; batchAddress: string } | undefined;
  startTimeoutMs: number;
  logger: Logger;
}

/** Starts one predictor process and reads its ready line; its stderr (JSON logs) goes to ours. */
export function startPredictorProcess(options: PredictorProcessOptions): PredictorProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', options.entry], {
    env: {
      ...process.env,
      PRESAGE_PREDICTOR_MODEL_DIR: options.modelDir,
      PRESAGE_PREDICTOR_VERSION: options.version,
      PRESAGE_PREDICTOR_ADDRESS: options.advertiseHost ? '0.0.0.0:0' : '127.0.0.1:0',
      PRESAGE_PREDICTOR_METRICS_ADDRESS: options.advertiseHost ? '0.0.0.0:0' : '127.0.0.1:0',
      PRESAGE_PREDICTOR_REPLICA: options.replica,
      PRESAGE_PREDICTOR_FRAMEWORK: options.runtime.framework,
      PRESAGE_PREDICTOR_PREDICTION_CLASS: options.runtime.predictionClass,
      PRESAGE_PREDICTOR_PACKAGE_DIRS: JSON.stringify(options.runtime.packageDirs),
      PRESAGE_PREDICTOR_SIGNATURE_NAME: options.runtime.signatureName,
      ...(options.batch
        ? {
            PRESAGE_PREDICTOR_MODE: 'batch',
            PRESAGE_BATCH_JOB: options.batch.job,
            PRESAGE_BATCH_WORKER: options.batch.worker,
            PRESAGE_BATCH_ADDRESS: options.batch.batchAddress,
          }
        : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr.pipe(process.stderr, { end: false });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const started = new Promise<ProcessOutcome>((resolve) => {
    const timer = setTimeout(() => {
      resolve({
        ok: false,
        error: `The predictor did not load the model within ${options.startTimeoutMs / 1000} s.`,
      });
      child.kill('SIGKILL');
    }, options.startTimeoutMs);
    const lines = readline.createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const parsed = parseReadyLine(line);
      if (!parsed) return;
      clearTimeout(timer);
      resolve(
        parsed.event === 'ready'
          ? {
              ok: true,
              address: advertised(parsed.address, options.advertiseHost),
              metricsAddress: advertised(parsed.metricsAddress ?? '', options.advertiseHost),
              model: {
                runtime: parsed.runtime,
                signature: parsed.signature,
                loadSeconds: parsed.loadSeconds,
              },
            }
          : { ok: false, error: parsed.error },
      );
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

  return {
    child,
    started,
    async stop(graceMs) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
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
