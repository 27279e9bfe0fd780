import { readMessageLimits } from '@presage/grpc-kit';
import type { MessageLimits } from '@presage/grpc-kit';
import { readTelemetryEnv } from '@presage/telemetry';
import type { TelemetryEnv } from '@presage/telemetry';

/** The registry's settings, read from the environment once; every problem is reported together. */
export interface RegistryConfig {
  /** PRESAGE_REGISTRY_ADDRESS. @default '127.0.0.1:8091' */
  address: string;
  /** DATABASE_URL; unset → an embedded PostgreSQL in PRESAGE_HOME/postgres. */
  databaseUrl: string | undefined;
  /** PRESAGE_HOME. @default './.presage' */
  home: string;
  /** PRESAGE_DEPLOYER_ADDRESS; unset → versions wait for the deployer's own reconcile loop. */
  deployerAddress: string | undefined;
  /** PRESAGE_METRICS_ADDRESS: where Prometheus `GET /metrics` listens. @default undefined (no endpoint) */
  metricsAddress: string | undefined;
  /**
   * PRESAGE_MAX_BODY_BYTES and PRESAGE_MAX_RESPONSE_BYTES: message sizes; a list page holds at most
   * maxResponseBytes of resources. @default 1.5 MiB and 48 MiB
   */
  limits: MessageLimits;
  /** PRESAGE_OTLP_ENDPOINT, PRESAGE_OTLP_TRACES_ENDPOINT, PRESAGE_METRICS_EXPORT_INTERVAL_MS, PRESAGE_TRACES_FILE. */
  telemetry: TelemetryEnv;
}

const ADDRESS = /^[^\s:]+:\d{1,5}$/;

export function loadRegistryConfig(env: NodeJS.ProcessEnv = process.env): RegistryConfig {
  const problems: string[] = [];
  const address = env['PRESAGE_REGISTRY_ADDRESS'] || '127.0.0.1:8091';
  if (!ADDRESS.test(address)) problems.push(`PRESAGE_REGISTRY_ADDRESS must be host:port, got "${address}"`);
  const deployerAddress = env['PRESAGE_DEPLOYER_ADDRESS'] || undefined;
  if (deployerAddress && !ADDRESS.test(deployerAddress)) {
    problems.push(`PRESAGE_DEPLOYER_ADDRESS must be host:port, got "${deployerAddress}"`);
  }
  const databaseUrl = env['DATABASE_URL'] || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must be a postgres:// URL');
  }
  const metricsAddress = env['PRESAGE_METRICS_ADDRESS'] || undefined;
  if (metricsAddress && !ADDRESS.test(metricsAddress))
    problems.push(`PRESAGE_METRICS_ADDRESS must be host:port, got "${metricsAddress}"`);
  const telemetry = readTelemetryEnv(env, problems);
  const limits = readMessageLimits(env, problems);
  if (problems.length > 0) throw new Error(`Invalid registry configuration:\n  ${problems.join('\n  ')}`);
  return {
    address,
    databaseUrl,
    home: env['PRESAGE_HOME'] || './.presage',
    deployerAddress,
    metricsAddress,
    limits,
    telemetry,
  };
}
