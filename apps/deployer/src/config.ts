import path from 'node:path';
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
   * stops (`1`), to be adopted by its next start, or are stopped with it (`0`, what `presage up` sets: it
   * stops the whole platform). Replicas always outlive a deployer that crashes. @default true
   */
  replicasOutliveDeployer: boolean;
  /** The Kubernetes driver's settings; set when replicaDriver is `kubernetes`. */
  kubernetes: KubernetesDriverConfig | undefined;
}

const ADDRESS = /^[^\s:]+:\d{1,5}$/;

export function loadDeployerConfig(env: NodeJS.ProcessEnv = process.env): DeployerConfig {
  const problems: string[] = [];
  const address = env['PRESAGE_DEPLOYER_ADDRESS'] || '127.0.0.1:8092';
  const registryAddress = env['PRESAGE_REGISTRY_ADDRESS'] || '127.0.0.1:8091';
  for (const [name, value] of [
    ['PRESAGE_DEPLOYER_ADDRESS', address],
    ['PRESAGE_REGISTRY_ADDRESS', registryAddress],
  ]) {
    if (!ADDRESS.test(value!)) problems.push(`${name} must be host:port, got "${value}"`);
  }
  const interval = Number(env['PRESAGE_RECONCILE_INTERVAL_MS'] || 5000);
  if (!Number.isInteger(interval) || interval < 100)
    problems.push('PRESAGE_RECONCILE_INTERVAL_MS must be an integer ≥ 100');
  const maxBytes = Number(env['PRESAGE_MAX_ARTIFACT_BYTES'] || 2 * 1024 ** 3);
  if (!Number.isInteger(maxBytes) || maxBytes <= 0)
    problems.push('PRESAGE_MAX_ARTIFACT_BYTES must be a positive integer');
  const deployDeadlineMs = Number(env['PRESAGE_DEPLOY_DEADLINE_MS'] || 600_000);
  if (!Number.isInteger(deployDeadlineMs) || deployDeadlineMs < 1000)
    problems.push('PRESAGE_DEPLOY_DEADLINE_MS must be an integer ≥ 1000');
  const stagingTimeoutMs = Number(env['PRESAGE_STAGING_TIMEOUT_MS'] || 60_000);
  if (!Number.isInteger(stagingTimeoutMs) || stagingTimeoutMs < 100)
    problems.push('PRESAGE_STAGING_TIMEOUT_MS must be an integer ≥ 100');
  const metricsAddress = env['PRESAGE_METRICS_ADDRESS'] || undefined;
  if (metricsAddress && !ADDRESS.test(metricsAddress))
    problems.push(`PRESAGE_METRICS_ADDRESS must be host:port, got "${metricsAddress}"`);
  const telemetry = readTelemetryEnv(env, problems);
  const limits = readMessageLimits(env, problems);
  const predictorHost = env['PRESAGE_PREDICTOR_HOST'] || undefined;
  if (predictorHost && !/^[A-Za-z0-9.:-]+$/.test(predictorHost)) {
    problems.push(`PRESAGE_PREDICTOR_HOST must be a host name or IP address, got "${predictorHost}"`);
  }
  const replicaDriver = env['PRESAGE_REPLICA_DRIVER'] || 'local';
  if (replicaDriver !== 'local' && replicaDriver !== 'kubernetes') {
    problems.push(`PRESAGE_REPLICA_DRIVER must be local or kubernetes, got "${replicaDriver}"`);
  }
  const outlive = env['PRESAGE_REPLICAS_OUTLIVE_DEPLOYER'] || '1';
  if (outlive !== '0' && outlive !== '1') {
    problems.push(`PRESAGE_REPLICAS_OUTLIVE_DEPLOYER must be 0 or 1, got "${outlive}"`);
  }
  const kubernetes = replicaDriver === 'kubernetes' ? loadKubernetesDriverConfig(env, problems) : undefined;
  if (problems.length > 0) throw new Error(`Invalid deployer configuration:\n  ${problems.join('\n  ')}`);
  return {
    address,
    predictorHost,
    registryAddress,
    home: path.resolve(env['PRESAGE_HOME'] || './.presage'),
    reconcileIntervalMs: interval,
    predictorEntry: path.resolve(
      env['PRESAGE_PREDICTOR_ENTRY'] || path.join(__dirname, '../../predictor/dist/main.js'),
    ),
    maxArtifactBytes: maxBytes,
    deployDeadlineMs,
    stagingTimeoutMs,
    metricsAddress,
    telemetry,
    limits,
    replicaDriver: replicaDriver as DeployerConfig['replicaDriver'],
    replicasOutliveDeployer: outlive === '1',
    kubernetes,
  };
}
