import path from 'node:path';
import { EnvReader, checkInternalListener, readConfinement, readInternalCredential } from '@presage/env';
import type { AllowedPaths, InternalCredential } from '@presage/env';
import { readMessageLimits } from '@presage/grpc-kit';
import type { MessageLimits } from '@presage/grpc-kit';
import { readTelemetryEnv } from '@presage/telemetry';
import type { TelemetryEnv } from '@presage/telemetry';
import { loadKubernetesDriverConfig } from './drivers/kubernetes-config';
import type { KubernetesDriverConfig } from './drivers/kubernetes-config';

/** The deployer's settings, read from the environment once; every problem is reported together. */
export interface DeployerConfig {
  /** PRESAGE_DEPLOYER_ADDRESS. @default '127.0.0.1:8092' */
  address: string;
  /** PRESAGE_REGISTRY_ADDRESS. @default '127.0.0.1:8091' */
  registryAddress: string;
  /** PRESAGE_HOME: staged artifacts live in `${home}/artifacts`. @default './.presage' */
  home: string;
  /** PRESAGE_RECONCILE_INTERVAL_MS: the timer that makes a missed nudge or a restart lose nothing. @default 5000 */
  reconcileIntervalMs: number;
  /** PRESAGE_PREDICTOR_ENTRY: the predictor's compiled main module. @default apps/predictor/dist/main.js */
  predictorEntry: string;
  /**
   * PRESAGE_PREDICTOR_HOST: the address other machines reach this deployer's replicas at (its pod IP on
   * Kubernetes); replicas then listen on all interfaces. Unset: loopback only, for one machine.
   */
  predictorHost: string | undefined;
  /** PRESAGE_MAX_ARTIFACT_BYTES: the most a version's artifacts may weigh. @default 2 GiB */
  maxArtifactBytes: number;
  /**
   * PRESAGE_DEPLOY_DEADLINE_MS: how long after its creation a version may keep retrying transient
   * failures (connection refused, timeouts, HTTP 5xx, the deployer short of file handles) before it
   * is FAILED with the last error and the number of attempts. Permanent failures fail it at once.
   * @default 600_000 (10 minutes)
   */
  deployDeadlineMs: number;
  /**
   * PRESAGE_STAGING_TIMEOUT_MS: the longest an http(s) source may stay silent (before it answers, and
   * between two chunks of a download) before the attempt fails and is retried. @default 60_000
   */
  stagingTimeoutMs: number;
  /** PRESAGE_METRICS_ADDRESS: where Prometheus `GET /metrics` listens. @default undefined (no endpoint) */
  metricsAddress: string | undefined;
  /** PRESAGE_OTLP_ENDPOINT, PRESAGE_OTLP_TRACES_ENDPOINT, PRESAGE_METRICS_EXPORT_INTERVAL_MS, PRESAGE_TRACES_FILE. */
  telemetry: TelemetryEnv;
  /** PRESAGE_MAX_BODY_BYTES and PRESAGE_MAX_RESPONSE_BYTES: its channel to the registry carries pages this large. */
  limits: MessageLimits;
  /**
   * PRESAGE_REPLICA_DRIVER: where replicas run: `local` (predictor processes beside the deployer) or
   * `kubernetes` (a Deployment per version through the Kubernetes API). @default 'local'
   */
  replicaDriver: 'local' | 'kubernetes';
  /**
   * PRESAGE_REPLICAS_OUTLIVE_DEPLOYER: whether the local driver's replicas keep serving when the deployer
   * stops (`1` or `true`), to be adopted by its next start, or are stopped with it (`0` or `false`, what `presage up` sets: it
   * stops the whole platform). Replicas always outlive a deployer that crashes. @default true
   */
  replicasOutliveDeployer: boolean;
  /** The Kubernetes driver's settings; set when replicaDriver is `kubernetes`. */
  kubernetes: KubernetesDriverConfig | undefined;
  /** PRESAGE_ALLOWED_PATHS: where deploymentUri and packageUris may lie, links followed. @default anywhere */
  allowedPaths: AllowedPaths;
  /** PRESAGE_CUSTOM_ROUTINES: whether versions with a predictionClass may be deployed. @default true */
  customRoutines: boolean;
  /**
   * PRESAGE_INTERNAL_CREDENTIAL_FILE or PRESAGE_INTERNAL_CREDENTIAL: the secret its callers must present
   * and it presents to the registry and to replicas. Local replicas and workers get the same variable;
   * Kubernetes pods get it from the Secret `presage-internal-credential`. Required when
   * PRESAGE_DEPLOYER_ADDRESS is not a loopback address. @default undefined (none)
   */
  internalCredential: InternalCredential | undefined;
}

export function loadDeployerConfig(env: NodeJS.ProcessEnv = process.env): DeployerConfig {
  const reader = new EnvReader(env);
  const replicaDriver = reader.oneOf('PRESAGE_REPLICA_DRIVER', ['local', 'kubernetes'], 'local');
  const config: DeployerConfig = {
    address: reader.address('PRESAGE_DEPLOYER_ADDRESS', '127.0.0.1:8092'),
    registryAddress: reader.address('PRESAGE_REGISTRY_ADDRESS', '127.0.0.1:8091'),
    home: path.resolve(reader.text('PRESAGE_HOME', './.presage')),
    reconcileIntervalMs: reader.durationMs('PRESAGE_RECONCILE_INTERVAL_MS', { default: 5000, min: 100 }),
    predictorEntry: path.resolve(
      reader.text('PRESAGE_PREDICTOR_ENTRY', path.join(__dirname, '../../predictor/dist/main.js')),
    ),
    predictorHost: reader.optionalHost('PRESAGE_PREDICTOR_HOST'),
    maxArtifactBytes: reader.integer('PRESAGE_MAX_ARTIFACT_BYTES', {
      default: 2 * 1024 ** 3,
      min: 1,
      what: 'a number of bytes',
    }),
    deployDeadlineMs: reader.durationMs('PRESAGE_DEPLOY_DEADLINE_MS', { default: 600_000, min: 1000 }),
    stagingTimeoutMs: reader.durationMs('PRESAGE_STAGING_TIMEOUT_MS', { default: 60_000, min: 100 }),
    metricsAddress: reader.optionalAddress('PRESAGE_METRICS_ADDRESS'),
    telemetry: readTelemetryEnv(env, reader.problems),
    limits: readMessageLimits(env, reader.problems),
    replicaDriver,
    replicasOutliveDeployer: reader.flag('PRESAGE_REPLICAS_OUTLIVE_DEPLOYER', true),
    kubernetes: replicaDriver === 'kubernetes' ? loadKubernetesDriverConfig(env, reader.problems) : undefined,
    ...readConfinement(reader),
    internalCredential: readInternalCredential(reader),
  };
  checkInternalListener(reader, 'PRESAGE_DEPLOYER_ADDRESS', config.address, config.internalCredential);
  reader.finish('deployer');
  return config;
}
