import os from 'node:os';
import { readMessageLimits } from '@presage/grpc-kit';
import type { MessageLimits } from '@presage/grpc-kit';
import { readTelemetryEnv } from '@presage/telemetry';
import { DEFAULT_BATCHING } from './batching/request-batcher';
import type { BatchingSettings } from './batching/request-batcher';
import type { TelemetryEnv } from '@presage/telemetry';

/** The predictor's settings, read from the environment once; every problem is reported together. */
export interface PredictorConfig {
  /** PRESAGE_PREDICTOR_MODEL_DIR (required): the directory holding the model's artifacts. */
  modelDir: string;
  /** PRESAGE_PREDICTOR_VERSION: the version's resource name, for logs and ModelInfo. @default 'local' */
  version: string;
  /** PRESAGE_PREDICTOR_ADDRESS: where the gRPC server listens. @default '127.0.0.1:0' (any free port) */
  address: string;
  /** PRESAGE_PREDICTOR_FRAMEWORK: the version's framework. @default '' (detect it from the files) */
  framework: string;
  /** PRESAGE_PREDICTOR_PREDICTION_CLASS: a custom routine's `module#ClassName`. @default '' (none) */
  predictionClass: string;
  /** PRESAGE_PREDICTOR_PACKAGE_DIRS: a JSON array of the staged packageUris. @default [] */
  packageDirs: string[];
  /** PRESAGE_PREDICTOR_SIGNATURE_NAME: the TensorFlow signature to serve. @default '' (the runtime's) */
  signatureName: string;
  /**
   * PRESAGE_PREDICTOR_MODE: `online` serves PredictorService; `batch` claims shards of a batch job from the
   * batch service until the job needs no more work, then exits. @default 'online'
   */
  mode: 'online' | 'batch';
  /** Batch mode: PRESAGE_BATCH_JOB, PRESAGE_BATCH_WORKER (this worker's name), PRESAGE_BATCH_ADDRESS. */
  batch: { job: string; worker: string; address: string } | undefined;
  /**
   * PRESAGE_PREDICTOR_REPLICA: this replica's name in metrics (`presage.replica`) and logs; the deployer
   * sets it. @default '<hostname>-<pid>'
   */
  replica: string;
  /**
   * PRESAGE_PREDICTOR_METRICS_ADDRESS: where Prometheus `GET /metrics` listens.
   * @default '127.0.0.1:0' (a free port), '0.0.0.0:0' when the gRPC address is on all interfaces
   */
  metricsAddress: string;
  /**
   * PRESAGE_MAX_BODY_BYTES and PRESAGE_MAX_RESPONSE_BYTES (the deployer passes its own on): the largest
   * request and answer; a larger answer becomes a 400 that says so. @default 1.5 MiB and 48 MiB
   */
  limits: MessageLimits;
  /**
   * PRESAGE_PREDICTOR_MAX_BATCH_SIZE and PRESAGE_PREDICTOR_MAX_QUEUE_DELAY_MS (the deployer sets them from
   * the version's `batching`): how concurrent requests merge into model runs. @default 64 and 0
   */
  batching: BatchingSettings;
  /** PRESAGE_OTLP_ENDPOINT, PRESAGE_OTLP_TRACES_ENDPOINT, PRESAGE_METRICS_EXPORT_INTERVAL_MS, PRESAGE_TRACES_FILE. */
  telemetry: TelemetryEnv;
}

const ADDRESS = /^[^\s]+:\d{1,5}$/;

export function loadPredictorConfig(env: NodeJS.ProcessEnv = process.env): PredictorConfig {
  const problems: string[] = [];
  const modelDir = env['PRESAGE_PREDICTOR_MODEL_DIR'] ?? '';
  if (!modelDir)
    problems.push(
      'PRESAGE_PREDICTOR_MODEL_DIR is required: the directory holding the model (e.g. model.onnx)',
    );
  const address = env['PRESAGE_PREDICTOR_ADDRESS'] || '127.0.0.1:0';
  if (!ADDRESS.test(address)) problems.push(`PRESAGE_PREDICTOR_ADDRESS must be host:port, got "${address}"`);
  const packageDirs = parsePackageDirs(env['PRESAGE_PREDICTOR_PACKAGE_DIRS'] || '[]');
  if (typeof packageDirs === 'string') problems.push(packageDirs);
  const mode = env['PRESAGE_PREDICTOR_MODE'] || 'online';
  if (mode !== 'online' && mode !== 'batch') {
    problems.push(`PRESAGE_PREDICTOR_MODE must be online or batch, got "${mode}"`);
  }
  const batch = {
    job: env['PRESAGE_BATCH_JOB'] ?? '',
    worker: env['PRESAGE_BATCH_WORKER'] ?? '',
    address: env['PRESAGE_BATCH_ADDRESS'] ?? '',
  };
  if (mode === 'batch') {
    if (!/^projects\/[^/]+\/jobs\/[^/]+$/.test(batch.job))
      problems.push(
        `PRESAGE_BATCH_JOB must be projects/{project}/jobs/{job} in batch mode, got "${batch.job}"`,
      );
    if (!batch.worker) problems.push("PRESAGE_BATCH_WORKER (the worker's name) is required in batch mode");
    if (!ADDRESS.test(batch.address))
      problems.push(`PRESAGE_BATCH_ADDRESS must be host:port in batch mode, got "${batch.address}"`);
  }
  const metricsAddress =
    env['PRESAGE_PREDICTOR_METRICS_ADDRESS'] || `${allInterfaces(address) ? '0.0.0.0' : '127.0.0.1'}:0`;
  if (!ADDRESS.test(metricsAddress))
    problems.push(`PRESAGE_PREDICTOR_METRICS_ADDRESS must be host:port, got "${metricsAddress}"`);
  const telemetry = readTelemetryEnv(env, problems);
  const limits = readMessageLimits(env, problems);
  const batching: BatchingSettings = {
    maxBatchSize: integerIn(
      env,
      'PRESAGE_PREDICTOR_MAX_BATCH_SIZE',
      DEFAULT_BATCHING.maxBatchSize,
      1,
      100_000,
      problems,
    ),
    maxQueueDelayMs: integerIn(
      env,
      'PRESAGE_PREDICTOR_MAX_QUEUE_DELAY_MS',
      DEFAULT_BATCHING.maxQueueDelayMs,
      0,
      60_000,
      problems,
    ),
  };
  if (problems.length > 0) throw new Error(`Invalid predictor configuration:\n  ${problems.join('\n  ')}`);
  return {
    modelDir,
    version: env['PRESAGE_PREDICTOR_VERSION'] || 'local',
    address,
    framework: env['PRESAGE_PREDICTOR_FRAMEWORK'] ?? '',
    predictionClass: env['PRESAGE_PREDICTOR_PREDICTION_CLASS'] ?? '',
    packageDirs: packageDirs as string[],
    signatureName: env['PRESAGE_PREDICTOR_SIGNATURE_NAME'] ?? '',
    mode: mode as PredictorConfig['mode'],
    batch: mode === 'batch' ? batch : undefined,
    replica: env['PRESAGE_PREDICTOR_REPLICA'] || `${os.hostname()}-${process.pid}`,
    metricsAddress,
    limits,
    batching,
    telemetry,
  };
}

/** An integer variable within [min, max], or its default when unset; a problem otherwise. */
function integerIn(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
  problems: string[],
): number {
  const text = env[name];
  if (!text) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be an integer from ${min} to ${max}, got "${text}"`);
    return fallback;
  }
  return value;
}

/** Whether a listen address is every interface (`0.0.0.0:port`, `[::]:port`). */
function allInterfaces(address: string): boolean {
  return /^(0\.0\.0\.0|\[::\]|::):\d+$/.test(address);
}

/** The directories, or the problem with the variable. */
function parsePackageDirs(value: string): string[] | string {
  const problem = `PRESAGE_PREDICTOR_PACKAGE_DIRS must be a JSON array of directories, got ${JSON.stringify(value.slice(0, 200))}`;
  try {
    const parsed: unknown = JSON.parse(value);
    if (Array.isArray(parsed) && parsed.every((dir) => typeof dir === 'string' && dir !== '')) {
      return parsed as string[];
    }
  } catch {
    // Reported below.
  }
  return problem;
}
