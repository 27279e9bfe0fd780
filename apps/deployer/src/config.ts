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
  /** PRESAGE_PREDICTOR_ENTRY: the predictor's main module. @default apps/predictor/src/main.ts */
  predictorEntry: string;
  /**
   * PRESAGE_PREDICTOR_HOST: the address other machines reach this deployer's replicas at (its pod IP on
   * Kubernetes); replicas then listen on all interfaces. Unset: loopback only, for one machine.
   */
  predictorHost: string | undefined;
  /** PRESAGE_MAX_ARTIFACT_BYTES: the most a version's artifacts may weigh. @default 2 GiB */
  maxArtifactBytes: number;
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
  const kubernetes = replicaDriver === 'kubernetes' ? loadKubernetesDriverConfig(env, problems) : undefined;
  if (problems.length > 0) throw new Error(`Invalid deployer configuration:\n  ${problems.join('\n  ')}`);
  return {
    address,
    predictorHost,
    registryAddress,
    home: path.resolve(env['PRESAGE_HOME'] || './.presage'),
    reconcileIntervalMs: interval,
    predictorEntry: path.resolve(
      env['PRESAGE_PREDICTOR_ENTRY'] || path.join(__dirname, '../../predictor/src/main.ts'),
    ),
    maxArtifactBytes: maxBytes,
    metricsAddress,
    telemetry,
    limits,
    replicaDriver: replicaDriver as DeployerConfig['replicaDriver'],
    kubernetes,
  };
}
