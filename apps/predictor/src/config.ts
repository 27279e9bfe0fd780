import os from 'node:os';
import { EnvReader, checkInternalListener, isHostPort, readInternalCredential } from '@presage/env';
import type { InternalCredential } from '@presage/env';
import { readMessageLimits } from '@presage/grpc-kit';
import { isJobName } from '@presage/resources';
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
  /**
   * PRESAGE_INTERNAL_CREDENTIAL_FILE or PRESAGE_INTERNAL_CREDENTIAL (the deployer passes its own on): the
   * secret the gateway must present to PredictorService, and a batch worker presents to the batch
   * service and both to the autoscaler's OTLP receiver. Required when an online predictor's
   * PRESAGE_PREDICTOR_ADDRESS is not a loopback address. @default undefined (none)
   */
  internalCredential: InternalCredential | undefined;
}

export function loadPredictorConfig(env: NodeJS.ProcessEnv = process.env): PredictorConfig {
  const reader = new EnvReader(env);
  const modelDir = reader.required(
    'PRESAGE_PREDICTOR_MODEL_DIR',
    'PRESAGE_PREDICTOR_MODEL_DIR is required: the directory holding the model (e.g. model.onnx)',
  );
  const address = reader.address('PRESAGE_PREDICTOR_ADDRESS', '127.0.0.1:0');
  const packageDirs = readPackageDirs(reader);
  const mode = reader.oneOf('PRESAGE_PREDICTOR_MODE', ['online', 'batch'], 'online');
  const batch = mode === 'batch' ? readBatchWorker(reader) : undefined;
  const metricsAddress = reader.address(
    'PRESAGE_PREDICTOR_METRICS_ADDRESS',
    `${allInterfaces(address) ? '0.0.0.0' : '127.0.0.1'}:0`,
  );
  const telemetry = readTelemetryEnv(env, reader.problems);
  const limits = readMessageLimits(env, reader.problems);
  const internalCredential = readInternalCredential(reader);
  // A batch worker serves nothing: only an online predictor listens.
  if (mode === 'online')
    checkInternalListener(reader, 'PRESAGE_PREDICTOR_ADDRESS', address, internalCredential);
  const batching: BatchingSettings = {
    maxBatchSize: reader.integer('PRESAGE_PREDICTOR_MAX_BATCH_SIZE', {
      default: DEFAULT_BATCHING.maxBatchSize,
      min: 1,
      max: 100_000,
    }),
    maxQueueDelayMs: reader.integer('PRESAGE_PREDICTOR_MAX_QUEUE_DELAY_MS', {
      default: DEFAULT_BATCHING.maxQueueDelayMs,
      min: 0,
      max: 60_000,
    }),
  };
  reader.finish('predictor');
  return {
    modelDir,
    version: reader.text('PRESAGE_PREDICTOR_VERSION', 'local'),
    address,
    framework: reader.text('PRESAGE_PREDICTOR_FRAMEWORK', ''),
    predictionClass: reader.text('PRESAGE_PREDICTOR_PREDICTION_CLASS', ''),
    packageDirs,
    signatureName: reader.text('PRESAGE_PREDICTOR_SIGNATURE_NAME', ''),
    mode,
    batch,
    replica: reader.text('PRESAGE_PREDICTOR_REPLICA', `${os.hostname()}-${process.pid}`),
    metricsAddress,
    limits,
    batching,
    telemetry,
    internalCredential,
  };
}

/** Batch mode's PRESAGE_BATCH_JOB, PRESAGE_BATCH_WORKER and PRESAGE_BATCH_ADDRESS, all required. */
function readBatchWorker(reader: EnvReader): NonNullable<PredictorConfig['batch']> {
  const job = reader.text('PRESAGE_BATCH_JOB', '');
  reader.check(
    isJobName(job),
    `PRESAGE_BATCH_JOB must be projects/{project}/jobs/{job} in batch mode, got "${job}"`,
  );
  const worker = reader.required(
    'PRESAGE_BATCH_WORKER',
    "PRESAGE_BATCH_WORKER (the worker's name) is required in batch mode",
  );
  const address = reader.text('PRESAGE_BATCH_ADDRESS', '');
  reader.check(
    isHostPort(address),
    `PRESAGE_BATCH_ADDRESS must be host:port in batch mode, got "${address}"`,
  );
  return { job, worker, address };
}

/** Whether a listen address is every interface (`0.0.0.0:port`, `[::]:port`). */
function allInterfaces(address: string): boolean {
  return /^(0\.0\.0\.0|\[::\]):\d+$/.test(address);
}

/** PRESAGE_PREDICTOR_PACKAGE_DIRS: a JSON array of directories. */
function readPackageDirs(reader: EnvReader): string[] {
  const value = reader.text('PRESAGE_PREDICTOR_PACKAGE_DIRS', '[]');
  try {
    const parsed: unknown = JSON.parse(value);
    if (Array.isArray(parsed) && parsed.every((dir) => typeof dir === 'string' && dir !== '')) {
      return parsed as string[];
    }
  } catch {
    // Reported below.
  }
  reader.problem(
    `PRESAGE_PREDICTOR_PACKAGE_DIRS must be a JSON array of directories, got ${JSON.stringify(value.slice(0, 200))}`,
  );
  return [];
}
