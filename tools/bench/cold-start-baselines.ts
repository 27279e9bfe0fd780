// The scale-from-zero benchmark's baselines, each in a fresh process: the model load alone
// (tools/bench/model-load.ts) and a predictor process started by hand, timed until its ready line.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { expectClose } from '@presage/model-fixtures';
import type { Fixture } from '@presage/model-fixtures';
import { waitFor } from '@presage/testing';
import { buildPresage } from './presage-platform';

const MODEL_LOAD = path.join(__dirname, 'model-load.ts');
const PREDICTOR = path.resolve(__dirname, '../../apps/predictor/dist/main.js');
const TIMEOUT_MS = 120_000;

export interface ModelLoadResult {
  /** `import('onnxruntime-node')`: the native binding. */
  importSeconds: number;
  /** InferenceSession.create of the model.onnx. */
  createSeconds: number;
  /** The first session.run (batch 1). */
  runSeconds: number;
}

export interface PredictorStartResult {
  /** From spawn to the ready line on stdout: process start, imports, model load, listening. */
  readySeconds: number;
  /** The ready line's own `loadSeconds`. */
  loadSeconds: number;
}

const running = new Set<ChildProcess>();

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

/** Stops any baseline process still running (on failure or Ctrl-C). */
export async function stopBaselineProcesses(): Promise<void> {
  await Promise.all([...running].map(stopChild));
}

function track(child: ChildProcess): ChildProcess {
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/** One fresh tools/bench/model-load.ts process for the fixture's model and first instance. */
export async function measureModelLoad(fixture: Fixture): Promise<ModelLoadResult> {
  const instance = JSON.stringify(fixture.instances[0]);
  const child = track(
    spawn(process.execPath, ['--import', 'tsx', MODEL_LOAD, '--model', fixture.dir, '--instance', instance], {
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  const line = stdout.trim().split('\n').pop() ?? '';
  if (code !== 0 || !line.startsWith('{'))
    throw new Error(`model-load.ts exited with ${code}: ${stderr.trim() || stdout.trim()}`);
  const result = JSON.parse(line) as ModelLoadResult & { prediction: unknown };
  expectClose(result.prediction, fixture.predictions[0]);
  return {
    importSeconds: result.importSeconds,
    createSeconds: result.createSeconds,
    runSeconds: result.runSeconds,
  };
}

/**
 * Starts the compiled predictor (apps/predictor/dist/main.js, built first if stale) on the fixture's
 * directory as the deployer's local driver does (`node`, free ports), times it until its ready line, then
 * stops it.
 */
export async function measurePredictorStart(fixture: Fixture): Promise<PredictorStartResult> {
  buildPresage();
  const started = process.hrtime.bigint();
  const child = track(
    spawn(process.execPath, [PREDICTOR], {
      env: {
        ...process.env,
        PRESAGE_PREDICTOR_MODEL_DIR: fixture.dir,
        PRESAGE_PREDICTOR_VERSION: `projects/bench/models/${fixture.name}/versions/baseline`,
        PRESAGE_PREDICTOR_ADDRESS: '127.0.0.1:0',
        PRESAGE_PREDICTOR_METRICS_ADDRESS: '127.0.0.1:0',
        PRESAGE_PREDICTOR_REPLICA: `bench-baseline-${fixture.name}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  try {
    const ready = await new Promise<{ event: string; loadSeconds?: number; error?: string }>(
      (resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no ready line within 120 s')), TIMEOUT_MS);
        readline.createInterface({ input: child.stdout! }).on('line', (line) => {
          if (!line.startsWith('{"event"')) return;
          clearTimeout(timer);
          resolve(JSON.parse(line) as { event: string; loadSeconds?: number });
        });
        child.once('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`the predictor exited with ${code} before its ready line`));
        });
      },
    );
    const readySeconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (ready.event !== 'ready' || typeof ready.loadSeconds !== 'number')
      throw new Error(`the predictor did not start: ${JSON.stringify(ready)}`);
    return { readySeconds, loadSeconds: ready.loadSeconds };
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${stderr}`, { cause: error });
  } finally {
    await stopChild(child);
  }
}
