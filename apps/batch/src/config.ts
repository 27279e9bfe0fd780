import os from 'node:os';
import path from 'node:path';
import { readDatabaseUrl } from '@presage/db';
import { EnvReader, checkInternalListener, readAllowedPaths, readInternalCredential } from '@presage/env';
import type { InternalCredential } from '@presage/env';
import { readMessageLimits } from '@presage/grpc-kit';
import type { MessageLimits } from '@presage/grpc-kit';
import { readTelemetryEnv } from '@presage/telemetry';
import type { TelemetryEnv } from '@presage/telemetry';

/** The batch service's settings, read from the environment once; every problem is reported together. */
export interface BatchConfig {
  /** PRESAGE_BATCH_ADDRESS: JobService (public, through the gateway) and BatchWorkerService. @default '127.0.0.1:8093' */
  address: string;
  /**
   * PRESAGE_BATCH_ADVERTISE_ADDRESS: where workers reach this service (its Service on Kubernetes).
   * @default the listening address (with the bound port)
   */
  advertiseAddress: string | undefined;
  /** PRESAGE_REGISTRY_ADDRESS: resolves modelName and versionName. @default '127.0.0.1:8091' */
  registryAddress: string;
  /** PRESAGE_DEPLOYER_ADDRESS: runs the workers. @default '127.0.0.1:8092' */
  deployerAddress: string;
  /** DATABASE_URL; unset → an embedded PostgreSQL in PRESAGE_HOME/postgres. */
  databaseUrl: string | undefined;
  /** PRESAGE_HOME. @default './.presage' */
  home: string;
  /** PRESAGE_BATCH_MAX_WORKERS: the most workers one job gets on this machine. @default 2 × CPU cores, at least 4 */
  maxWorkers: number;
  /** PRESAGE_BATCH_MAX_RUNNING_JOBS: jobs preparing or running at once; later ones wait QUEUED. @default 2 */
  maxRunningJobs: number;
  /** PRESAGE_BATCH_LEASE_MS: how long a shard stays a worker's without news from it. @default 30000 */
  leaseMs: number;
  /** PRESAGE_BATCH_TICK_MS: the job runner's timer (it also runs on every change). @default 1000 */
  tickMs: number;
  /** PRESAGE_BATCH_SHARD_BYTES: the most input bytes per shard (fewer when that gives a worker too few shards). @default 64 MiB */
  shardBytes: number;
  /**
   * PRESAGE_ALLOWED_PATHS: the directories (`:`-separated, absolute) jobs may read inputs and models
   * from and write outputs to; symbolic links are followed before the check. @default [] (any path)
   */
  allowedRoots: string[];
  /**
   * PRESAGE_QUOTA_CONCURRENT_JOBS: jobs each project may have that have not ended (queued, preparing,
   * running or cancelling); one more is refused with 429. A project's quota settings override it. 0: no
   * limit. @default 0
   */
  concurrentJobsPerProject: number;
  /** PRESAGE_METRICS_ADDRESS: where Prometheus `GET /metrics` listens. @default undefined (no endpoint) */
  metricsAddress: string | undefined;
  /**
   * PRESAGE_MAX_BODY_BYTES and PRESAGE_MAX_RESPONSE_BYTES: message sizes; a list page holds at most
   * maxResponseBytes of resources. @default 1.5 MiB and 48 MiB
   */
  limits: MessageLimits;
  /** PRESAGE_OTLP_ENDPOINT, PRESAGE_OTLP_TRACES_ENDPOINT, PRESAGE_METRICS_EXPORT_INTERVAL_MS, PRESAGE_TRACES_FILE. */
  telemetry: TelemetryEnv;
  /**
   * PRESAGE_INTERNAL_CREDENTIAL_FILE or PRESAGE_INTERNAL_CREDENTIAL: the secret its callers must present
   * and it presents to the registry, the deployer and the autoscaler's OTLP receiver. Required when PRESAGE_BATCH_ADDRESS is not a loopback address. @default undefined (none)
   */
  internalCredential: InternalCredential | undefined;
}

export function loadBatchConfig(env: NodeJS.ProcessEnv = process.env): BatchConfig {
  const reader = new EnvReader(env);
  const config: BatchConfig = {
    address: reader.address('PRESAGE_BATCH_ADDRESS', '127.0.0.1:8093'),
    advertiseAddress: reader.optionalAddress('PRESAGE_BATCH_ADVERTISE_ADDRESS'),
    registryAddress: reader.address('PRESAGE_REGISTRY_ADDRESS', '127.0.0.1:8091'),
    deployerAddress: reader.address('PRESAGE_DEPLOYER_ADDRESS', '127.0.0.1:8092'),
    databaseUrl: readDatabaseUrl(reader),
    home: path.resolve(reader.text('PRESAGE_HOME', './.presage')),
    maxWorkers: reader.integer('PRESAGE_BATCH_MAX_WORKERS', {
      default: Math.max(4, 2 * os.availableParallelism()),
      min: 1,
    }),
    maxRunningJobs: reader.integer('PRESAGE_BATCH_MAX_RUNNING_JOBS', { default: 2, min: 1 }),
    leaseMs: reader.durationMs('PRESAGE_BATCH_LEASE_MS', { default: 30_000, min: 500 }),
    tickMs: reader.durationMs('PRESAGE_BATCH_TICK_MS', { default: 1000, min: 50 }),
    shardBytes: reader.integer('PRESAGE_BATCH_SHARD_BYTES', {
      default: 64 * 1024 * 1024,
      min: 1,
      what: 'a number of bytes',
    }),
    allowedRoots: [...readAllowedPaths(reader).roots],
    concurrentJobsPerProject: reader.integer('PRESAGE_QUOTA_CONCURRENT_JOBS', {
      default: 0,
      min: 0,
      what: 'a number of jobs',
    }),
    metricsAddress: reader.optionalAddress('PRESAGE_METRICS_ADDRESS'),
    limits: readMessageLimits(env, reader.problems),
    telemetry: readTelemetryEnv(env, reader.problems),
    internalCredential: readInternalCredential(reader),
  };
  checkInternalListener(reader, 'PRESAGE_BATCH_ADDRESS', config.address, config.internalCredential);
  reader.finish('batch');
  return config;
}
